"""URL rules parsed and their URL builders compiled once per process instead of once per app.

Each test builds its own app (a fresh app is the simplest guarantee that no state leaks from
one test to the next), and werkzeug parses each rule's text and compiles a Python function to
build its URLs for every app: most of `create_app`'s time, for about 180 rules that are the same
in every app. What that work produces depends only on the rule's text, its host or subdomain,
slash merging, its defaults and the map's converter classes:

- the parsed parts (the regular expression pieces and the weights the matcher sorts rules by)
  and the trace the builder follows are kept and shared;
- the builder function reads the converters through the rule it is bound to, at call time, so
  the same function, bound to each app's rule, builds the same URLs;
- the converters are the only objects bound to a map: each app's rule gets its own copies,
  bound to its own map.

Tests only: production builds one app per worker.
"""

from __future__ import annotations

import copy

from werkzeug.routing.rules import Rule

_compile = Rule.compile
_compiled: dict[tuple, tuple] = {}


def _key(rule: Rule) -> tuple:
    routes = rule.map
    return (rule.rule, rule.host if routes.host_matching else rule.subdomain,
            routes.host_matching, rule.merge_slashes,
            tuple(sorted((name, repr(value)) for name, value in (rule.defaults or {}).items())),
            tuple(sorted(routes.converters.items())))


def _cached_compile(self: Rule) -> None:
    key = _key(self)
    compiled = _compiled.get(key)
    if compiled is None:
        _compile(self)
        _compiled[key] = (tuple(self._parts), tuple(self._trace), dict(self._converters),
                          self._build.__func__, self._build_unknown.__func__)
        return
    parts, trace, converters, build, build_unknown = compiled
    self._parts, self._trace = list(parts), list(trace)
    self._converters = {}
    for name, converter in converters.items():
        own = self._converters[name] = copy.copy(converter)
        own.map = self.map
    self.arguments.update(converters)
    self._build = build.__get__(self, None)
    self._build_unknown = build_unknown.__get__(self, None)


def install() -> None:
    Rule.compile = _cached_compile
