"""Fact producers: from a discharger, the standards and the plant model to the facts the rules judge.

Producers select and convert; they decide nothing (the rules do).
"""
