"""URL builders compiled once per process instead of once per app.

Each test builds its own app (a fresh app is the simplest guarantee that no state leaks from
one test to the next), and werkzeug compiles a Python function to build the URLs of each rule
of each app: about four fifths of `create_app`'s time, for 166 rules that are the same in every
app. The function werkzeug generates depends only on the rule's text, its parsed parts and its
defaults (it reads the converters through the rule it is bound to, at call time), so the same
function, bound to each app's rule, builds the same URLs. Tests only: production builds one app
per worker.
"""

from __future__ import annotations

from werkzeug.routing.rules import Rule

_compile_builder = Rule._compile_builder
_builders: dict[tuple, object] = {}


def _builder_key(rule: Rule, append_unknown: bool) -> tuple:
    defaults = tuple(sorted((name, type(value), repr(value))
                            for name, value in (rule.defaults or {}).items()))
    converters = tuple(sorted((name, type(converter), repr(vars(converter)))
                              for name, converter in rule._converters.items()
                              if name in (rule.defaults or {})))
    return rule.rule, tuple(rule._trace), defaults, converters, append_unknown


def _cached_compile_builder(self: Rule, append_unknown: bool = True):
    key = _builder_key(self, append_unknown)
    builder = _builders.get(key)
    if builder is None:
        builder = _builders[key] = _compile_builder(self, append_unknown)
    return builder


def install() -> None:
    Rule._compile_builder = _cached_compile_builder
