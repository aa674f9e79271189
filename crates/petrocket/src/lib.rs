//! PET Rocket Simulator pipeline.
