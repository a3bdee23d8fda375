"""The types the extra spec definitions are written in: a ``Value`` says
what a spec's value may be, an ``ExtraSpecValidator`` names a spec (or a
family of specs, with ``{parameter}`` placeholders) and holds its Value.

The refusals carry Nova's messages, word for word: a user of 2.86 sees
them in the 400 fault.
"""

import dataclasses
import re
import typing

from oslo_utils import strutils

from nova_lite import exception


def _refuse(reason):
    raise exception.ValidationError('Validation failed; ' + reason)


@dataclasses.dataclass(frozen=True)
class Value:
    """A spec's value: an integer (given as a string) within [min, max],
    a boolean-like string, or a string matching ``pattern`` (the whole
    string) or else one of ``enum``; a bare ``str`` is anything."""

    type: type
    min: typing.Optional[int] = None
    max: typing.Optional[int] = None
    pattern: typing.Optional[str] = None
    enum: typing.Optional[tuple] = None

    def check(self, value):
        """Raise ValidationError (400) if ``value`` (a string) is not
        one this Value allows."""
        if self.type is int:
            self._check_int(value)
        elif self.type is bool:
            self._check_bool(value)
        else:
            self._check_str(value)

    def _check_int(self, value):
        # int() as Nova calls it: ' 7 ', '+7' and '1_000' are integers.
        try:
            number = int(value)
        except ValueError:
            _refuse("'%s' is not a valid integer value." % value)
        if self.max is not None and number > self.max:
            _refuse("'%s' is greater than the max value of '%s'."
                    % (number, self.max))
        if self.min is not None and number < self.min:
            _refuse("'%s' is less than the min value of '%s'."
                    % (number, self.min))

    def _check_bool(self, value):
        try:
            strutils.bool_from_string(value, strict=True)
        except ValueError:
            _refuse("'%s' is not a valid boolean-like value." % value)

    def _check_str(self, value):
        # A pattern, when there is one, is the only constraint.
        if self.pattern is not None:
            if not re.fullmatch(self.pattern, value):
                _refuse("'%s' is not of the format '%s'."
                        % (value, self.pattern))
        elif self.enum is not None and value not in self.enum:
            _refuse("'%s' is not one of: %s."
                    % (value, ', '.join(str(item) for item in self.enum)))


def integer(min=None, max=None):
    return Value(int, min=min, max=max)


def string(pattern=None, enum=None):
    return Value(str, pattern=pattern,
                 enum=tuple(enum) if enum is not None else None)


BOOLEAN = Value(bool)
# Any string at all: the spec is known, its value is the filter's or the
# driver's business.
ANY_STRING = Value(str)


@dataclasses.dataclass(frozen=True)
class ExtraSpecValidator:
    """One known extra spec. ``name`` may hold ``{parameter}``
    placeholders, each matched by its regex in ``parameters``; the rest
    of the name is itself read as a regex, as Nova reads it (so the '.'
    of 'hw:numa_cpus.{num}' matches any character)."""

    name: str
    value: Value
    parameters: typing.Mapping[str, str] = dataclasses.field(
        default_factory=dict)
    name_regex: re.Pattern = dataclasses.field(init=False, repr=False)

    def __post_init__(self):
        regex = self.name
        for parameter, pattern in self.parameters.items():
            regex = regex.replace('{%s}' % parameter,
                                  '(?P<%s>%s)' % (parameter, pattern))
        object.__setattr__(self, 'name_regex', re.compile(regex))

    @property
    def namespace(self):
        """The regex of the namespace ('hw', 'resources(?P<group>...)'),
        or None for a spec without one ('group_policy')."""
        regex = self.name_regex.pattern
        return regex.split(':', 1)[0] if ':' in regex else None

    def matches(self, name):
        return self.name_regex.fullmatch(name) is not None

    def validate(self, value):
        self.value.check(value)
