"""Request schemas of the lock and unlock server actions, as Nova's."""

# Before 2.73 the value of 'lock' is not looked at.
lock = {
    'type': 'object',
    'properties': {
        'lock': {},
    },
    'required': ['lock'],
    'additionalProperties': False,
}

# 2.73: null, or an object that may give the reason.
lock_v273 = {
    'type': 'object',
    'properties': {
        'lock': {
            'type': ['object', 'null'],
            'properties': {
                'locked_reason': {
                    'type': 'string', 'minLength': 1, 'maxLength': 255,
                },
            },
            'additionalProperties': False,
        },
    },
    'required': ['lock'],
    'additionalProperties': False,
}

# Checked before 2.73 only, as Nova does.
unlock = {
    'type': 'object',
    'properties': {
        'unlock': {},
    },
    'required': ['unlock'],
    'additionalProperties': False,
}
