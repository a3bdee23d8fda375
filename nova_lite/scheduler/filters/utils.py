"""What filters and weighers read from a host's aggregates and instances."""

import collections

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


def aggregate_values_from_key(host_state, key):
    """The set of values the host's aggregates give metadata ``key``."""
    values = set()
    for agg in host_state.aggregates:
        metadata = agg.obj_get('metadata') or {}
        if key in metadata:
            values.add(metadata[key])
    return values


def aggregate_metadata_get_by_host(host_state):
    """Every metadata key of the host's aggregates mapped to the set of its
    values; a comma-separated value counts as several values."""
    metadata = collections.defaultdict(set)
    for agg in host_state.aggregates:
        for key, value in (agg.obj_get('metadata') or {}).items():
            metadata[key].update(v.strip() for v in value.split(','))
    return metadata


def validate_num_values(values, default, cast_to=int):
    """The smallest of ``values`` cast by ``cast_to``, or ``default`` when
    there is none; several aggregates of one host may disagree and the most
    conservative value wins.

    :raises: ValueError when a value does not cast.
    """
    if not values:
        return default
    if len(values) > 1:
        LOG.info('%d values found, of which the minimum value will be '
                 'used.', len(values))
    return min(cast_to(value) for value in values)


def instance_uuids_overlap(host_state, uuids):
    """True if any instance of ``uuids`` (one uuid or a list) is on the
    host."""
    if isinstance(uuids, str):
        uuids = [uuids]
    return not set(host_state.instances).isdisjoint(uuids)


def group_members_on_host(host_state, instance_group):
    """The members of the server group that are on the host."""
    members = instance_group.obj_get('members') or []
    return set(host_state.instances) & set(members)
