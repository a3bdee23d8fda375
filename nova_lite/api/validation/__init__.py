"""JSON-Schema validation of request bodies and query strings.

``@validated(schema)`` and ``@query_validated(schema)`` check a handler's
input before it runs, for the microversions given, and fail with Nova's
400 messages: "Invalid input for field/attribute <name>. Value: <value>.
<reason>" (bodies) or "Invalid input for query parameters <name>. ..."
(query strings). Draft 4 with Nova's formats; numbers given as strings
('10') are checked against minimum/maximum too.

A request of the legacy v2 endpoint (/v2) is checked as Nova's v2 API
checked it: only against the schemas registered for 2.0 (or for every
version), and a body's unknown keys are dropped rather than refused,
except in an object whose keys are given by patternProperties (metadata),
where a key matching none of them is still a 400. As in Nova, an object
none of whose keys is known is left alone (neither trimmed nor refused).
"""

import base64
import binascii
import functools
import re
import unicodedata

import jsonschema
from jsonschema import exceptions as jsonschema_exc
from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova_lite import exception

FORMAT_CHECKER = jsonschema.FormatChecker(['ipv4', 'ipv6'])

NAME_REASON = 'printable characters. Can not start or end with whitespace.'
NAME_WITH_SPACES_REASON = ('printable characters with at least one non '
                           'space character')


def _is_printable(char):
    # Nova's name regex is built over the Basic Multilingual Plane only,
    # so characters beyond U+FFFF are not printable for it either.
    if ord(char) >= 0xFFFF:
        return False
    category = unicodedata.category(char)
    return not category.startswith('C') and (
        not category.startswith('Z') or category == 'Zs')


def _is_space(char):
    return not _is_printable(char) or unicodedata.category(char) == 'Zs'


@FORMAT_CHECKER.checks('name', raises=exception.InvalidName)
def _validate_name(instance):
    """Printable, not starting or ending with whitespace."""
    if (isinstance(instance, str) and
            all(_is_printable(char) for char in instance) and
            not (instance and (_is_space(instance[0]) or
                               _is_space(instance[-1])))):
        return True
    raise exception.InvalidName(reason=NAME_REASON)


@FORMAT_CHECKER.checks('name_with_leading_trailing_spaces',
                       raises=exception.InvalidName)
def _validate_name_with_spaces(instance):
    """Printable with at least one character that is not a space."""
    if (isinstance(instance, str) and
            all(_is_printable(char) for char in instance) and
            not all(_is_space(char) for char in instance)):
        return True
    raise exception.InvalidName(reason=NAME_WITH_SPACES_REASON)


@FORMAT_CHECKER.checks('uuid')
def _validate_uuid(instance):
    # A format constrains strings only (a null port is a null, as in
    # Nova); 'type' says which other values pass.
    if not isinstance(instance, str):
        return True
    return uuidutils.is_uuid_like(instance)


@FORMAT_CHECKER.checks('base64', raises=(TypeError, binascii.Error))
def _validate_base64(instance):
    if not isinstance(instance, str):
        return False
    base64.b64decode(instance.encode('utf-8'), validate=False)
    return True


@FORMAT_CHECKER.checks('date-time')
def _validate_datetime(instance):
    try:
        timeutils.parse_isotime(instance)
    except ValueError:
        return False
    return True


@FORMAT_CHECKER.checks('regex')
def _validate_regex(instance):
    if not instance or not isinstance(instance, str):
        return False
    try:
        re.compile(instance)
    except re.error:
        return False
    return True


def _number_from_str(instance):
    for convert in (int, float):
        try:
            return convert(instance)
        except (ValueError, TypeError):
            continue
    return None


def _string_number_bound(keyword):
    """minimum/maximum that also apply to '10' (Nova accepts both)."""
    original = jsonschema.Draft4Validator.VALIDATORS[keyword]

    def check(validator, bound, instance, schema):
        number = _number_from_str(instance)
        if number is None:
            return
        yield from original(validator, bound, number, schema) or ()
    return check


def _drop_additional_properties(validator, allowed, instance, schema):
    """additionalProperties of the legacy v2 API: unknown keys are taken
    out of the body, unless patternProperties say which keys the object
    may have; then a key matching none of them is an error."""
    if not validator.is_type(instance, 'object') or allowed is True:
        return
    known = schema.get('properties', {})
    patterns = list(schema.get('patternProperties', {}))
    unknown = [key for key in instance if key not in known and
               not any(re.search(pattern, key) for pattern in patterns)]
    # An object none of whose keys is known is left to the other
    # keywords (it may be meant for another branch of a oneOf).
    if not unknown or len(unknown) == len(instance):
        return
    if patterns:
        yield jsonschema_exc.ValidationError(
            'Additional properties are not allowed (%s %s unexpected)' % (
                ', '.join(repr(key) for key in unknown),
                'was' if len(unknown) == 1 else 'were'))
        return
    for key in unknown:
        del instance[key]


_Validator = jsonschema.validators.extend(
    jsonschema.Draft4Validator,
    {'minimum': _string_number_bound('minimum'),
     'maximum': _string_number_bound('maximum')})

_LegacyV2Validator = jsonschema.validators.extend(
    _Validator, {'additionalProperties': _drop_additional_properties})


def validate(schema, target, is_body=True, legacy_v2=False):
    """Raise ValidationError (400) with Nova's message if ``target`` does
    not match ``schema``; with ``legacy_v2``, unknown keys of ``target``
    are dropped instead (see the module's docstring)."""
    validator_class = _LegacyV2Validator if legacy_v2 else _Validator
    validator = validator_class(schema, format_checker=FORMAT_CHECKER)
    try:
        validator.validate(target)
    except jsonschema_exc.ValidationError as ex:
        raise exception.ValidationError(detail=_detail(ex, is_body))
    except TypeError as ex:
        # A non-string key checked against patternProperties.
        raise exception.ValidationError(detail=str(ex))


def _detail(ex, is_body):
    if isinstance(ex.cause, exception.InvalidName):
        return ex.cause.format_message()
    if not ex.path:
        return ex.message
    if is_body:
        return ('Invalid input for field/attribute %(path)s. Value: '
                '%(value)s. %(message)s' % {'path': ex.path.pop(),
                                            'value': ex.instance,
                                            'message': ex.message})
    # A query string is {name: [values]}: the name is the first element.
    return ('Invalid input for query parameters %(path)s. Value: '
            '%(value)s. %(message)s' % {'path': ex.path.popleft(),
                                        'value': ex.instance,
                                        'message': ex.message})


def _is_legacy_v2(req):
    from nova_lite.api.openstack import wsgi
    return req.environ.get(wsgi.ENV_LEGACY_V2, False)


def _version_matches(req, min_version, max_version):
    from nova_lite.api.openstack import wsgi
    if _is_legacy_v2(req):
        # The v2 API had no microversions: the schemas of 2.0 apply.
        return min_version in (None, '2.0')
    return wsgi.is_supported(req, min_version or wsgi.MIN_API_VERSION,
                             max_version)


def validated(schema, min_version=None, max_version=None):
    """Check the handler's ``body`` against ``schema`` (for requests whose
    microversion is in [min, max]; '2.0' is the legacy v2 API)."""
    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, req, *args, **kwargs):
            if _version_matches(req, min_version, max_version):
                validate(schema, kwargs.get('body'),
                         legacy_v2=_is_legacy_v2(req))
            return func(self, req, *args, **kwargs)
        return wrapper
    return decorator


def query_validated(schema, min_version=None, max_version=None):
    """Check the query string against ``schema``; with
    additionalProperties allowed, unknown parameters are dropped."""
    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, req, *args, **kwargs):
            if _version_matches(req, min_version, max_version):
                try:
                    query = req.GET.dict_of_lists()
                except UnicodeDecodeError:
                    raise exception.ValidationError(
                        detail='Query string is not UTF-8 encoded')
                validate(schema, query, is_body=False)
                _strip_unknown(schema, req)
            return func(self, req, *args, **kwargs)
        return wrapper
    return decorator


def _strip_unknown(schema, req):
    if not schema.get('additionalProperties', True):
        return
    patterns = [re.compile(regex)
                for regex in schema.get('patternProperties', {})]
    for name in set(req.GET.keys()):
        if name in schema['properties']:
            continue
        if not any(pattern.match(name) for pattern in patterns):
            del req.GET[name]


# Reusable pieces of schemas, as Nova's parameter_types.

def multi_params(schema):
    """A query parameter that may be repeated."""
    return {'type': 'array', 'items': schema}


def single_param(schema):
    """A query parameter that may be given once."""
    return dict(multi_params(schema), maxItems=1)


boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on',
             'YES', 'Yes', 'yes',
             False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off',
             'NO', 'No', 'no'],
}

positive_integer = {
    'type': ['integer', 'string'],
    'pattern': '^[0-9]*$', 'minimum': 1, 'minLength': 1,
}

non_negative_integer = {
    'type': ['integer', 'string'],
    'pattern': '^[0-9]*$', 'minimum': 0, 'minLength': 1,
}

name = {
    'type': 'string', 'minLength': 1, 'maxLength': 255, 'format': 'name',
}

# A name as the legacy v2 API took it (and a few v2.1 calls still do).
name_with_leading_trailing_spaces = {
    'type': 'string', 'format': 'name_with_leading_trailing_spaces',
    'minLength': 1, 'maxLength': 255,
}

# A name that null clears (no character checks, as Nova's).
name_or_none = {
    'oneOf': [
        {'type': 'string', 'minLength': 1, 'maxLength': 255},
        {'type': 'null'},
    ],
}

description = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255,
    'format': 'description',
}

uuid = {'type': 'string', 'format': 'uuid'}

# A host name as the services table has it (RFC 952, plus '_').
fqdn = {
    'type': 'string', 'pattern': '^[a-zA-Z0-9-._]*$',
    'minLength': 1, 'maxLength': 255,
}

# The hostname a user gives a server (2.90): one DNS label.
hostname = {
    'type': 'string', 'pattern': '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$',
    'minLength': 2, 'maxLength': 63,
}

# A server's metadata, as Nova's parameter_types.metadata.
metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255}},
    'additionalProperties': False,
}

ip_address = {
    'type': 'string',
    'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}],
}

# A server's OS-DCF:diskConfig and access addresses.
disk_config = {'type': 'string', 'enum': ['AUTO', 'MANUAL']}
accessIPv4 = {'type': 'string', 'format': 'ipv4'}
accessIPv6 = {'type': 'string', 'format': 'ipv6'}

tag = {
    'type': 'string', 'minLength': 1, 'maxLength': 60,
    'pattern': '^[^,/]*$',
}

common_query_param = multi_params({'type': 'string'})
common_query_regex_param = multi_params({'type': 'string',
                                         'format': 'regex'})

# The query string of a call that takes no parameters, from the
# microversion that refuses unknown ones (Nova's *_query_v2102).
no_query_parameters = {
    'type': 'object', 'properties': {}, 'additionalProperties': False,
}

pagination_parameters = {
    'limit': multi_params(non_negative_integer),
    'marker': multi_params({'type': 'string'}),
}


@FORMAT_CHECKER.checks('description')
def _validate_description(instance):
    """Printable characters only (leading/trailing spaces allowed)."""
    return not isinstance(instance, str) or all(
        _is_printable(char) for char in instance)
