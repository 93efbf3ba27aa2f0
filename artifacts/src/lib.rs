//! Deployable Stylus artifacts of the workspace.
