"""The operators of an extra spec's requirement, matched against a host's
value (a capability, an aggregate's metadata), as Nova's extra specs:

* ``= N``: numerically at least N; ``== N``, ``!= N``, ``>= N``, ``<= N``:
  numeric comparisons;
* ``s== S``, ``s!= S``, ``s< S``, ``s<= S``, ``s> S``, ``s>= S``: string
  comparisons;
* ``<in> S``: S is a substring of the value; ``<all-in> S1 S2 ...``: each
  Si is;
* ``<or> S1 <or> S2 ...``: the value is one of the Si;
* anything else: the value equals the whole requirement.
"""

import operator


def _numeric(compare):
    def match(value, wanted):
        try:
            return compare(float(value), float(wanted))
        except ValueError:
            # A requirement that cannot be compared is not met.
            return False
    return match


_OPERATORS = {
    '=': _numeric(operator.ge),
    '==': _numeric(operator.eq),
    '!=': _numeric(operator.ne),
    '>=': _numeric(operator.ge),
    '<=': _numeric(operator.le),
    's==': operator.eq,
    's!=': operator.ne,
    's<': operator.lt,
    's<=': operator.le,
    's>': operator.gt,
    's>=': operator.ge,
    '<in>': lambda value, wanted: wanted in value,
}


def _match_or(value, words):
    # "<or> a <or> b <or> c": the choices are every other word.
    return value in words[::2]


def _match_all_in(value, words):
    return all(word in value for word in words)


def match(value, req):
    """True if ``value`` (a string, or None when the host has none)
    satisfies the requirement ``req``."""
    words = req.split()
    op = words[0] if words else None
    if op not in _OPERATORS and op not in ('<or>', '<all-in>'):
        return value == req
    if value is None or len(words) < 2:
        return False
    if op == '<or>':
        return _match_or(value, words[1:])
    if op == '<all-in>':
        return _match_all_in(value, words[1:])
    return _OPERATORS[op](value, words[1])
