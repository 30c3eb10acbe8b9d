"""Shared kernel: base models, audit, privacy masking, scoping, files, Chinese text, exceptions."""
