"""Plumbing every request goes through: early acks, the answer backlog, per-request traces."""
