"""Spotter: an open-source strength-training coach."""

__version__ = "0.1.0"
