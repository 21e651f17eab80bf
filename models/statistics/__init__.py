"""Statistics for local governments, every figure passed through the secrecy rules.

The rules are explained in docs/domain/7-territories.md.
"""
