"""What a server create asks of the scheduler besides its flavor and
image: an admin's forced host or node in the availability zone, or the
host and node an admin requests (2.74), the server group to join and the
scheduler hints, as the request spec carries them."""

from oslo_serialization import jsonutils

from nova_lite import exception
from nova_lite import objects


def parse_availability_zone(availability_zone):
    """(zone, forced host, forced node) of a requested availability zone:
    'zone', or an admin's 'zone:host', 'zone::node' or 'zone:host:node';
    InvalidInput for more parts. Empty parts are None."""
    forced_host = forced_node = None
    if availability_zone and ':' in availability_zone:
        colons = availability_zone.count(':')
        if colons == 1:
            availability_zone, forced_host = availability_zone.split(':')
        elif colons == 2 and '::' in availability_zone:
            availability_zone, forced_node = availability_zone.split('::')
        elif colons == 2:
            availability_zone, forced_host, forced_node = (
                availability_zone.split(':'))
        else:
            raise exception.InvalidInput(
                reason='Unable to parse availability_zone')
    return availability_zone or None, forced_host or None, forced_node or None


def join_group(context, instance_group, instances):
    """Make the new instances members of the group (and of the group
    object the request spec carries)."""
    instance_group.members = list(instance_group.members or []) + (
        objects.InstanceGroup.add_members(
            context, instance_group.uuid,
            [instance.uuid for instance in instances]))


def forced_hosts(forced_host, forced_node):
    # A compute host has one node, named as the host (see the virt
    # driver), so forcing a node forces the host of that name.
    forced = forced_host or forced_node
    return [forced] if forced else None


def requested_destination(context, host, node):
    """The Destination of a create's requested ``host`` and/or ``node``
    (hypervisor_hostname), None for neither. As Nova's
    _validate_host_or_node, ComputeHostNotFound (naming the host, or the
    node when only a node is given) if no compute node is so named."""
    if not (host or node):
        return None
    if host:
        if not objects.ComputeNodeList.get_all_by_host(context, host):
            raise exception.ComputeHostNotFound(host=host)
        if node:
            # Raises ComputeHostNotFound(host=host) too.
            objects.ComputeNode.get_by_host_and_nodename(context, host,
                                                         node)
    else:
        try:
            objects.ResourceProvider.get_by_name(context, node)
        except exception.ResourceProviderNotFound:
            raise exception.ComputeHostNotFound(host=node)
    return objects.Destination(host=host, node=node)


def requested_instance_group(context, scheduler_hints):
    """The server group of the ``group`` hint, None without one;
    InstanceGroupNotFound if the caller may not see it."""
    group_hint = (scheduler_hints or {}).get('group')
    if isinstance(group_hint, list):
        if len(group_hint) > 1:
            raise exception.Invalid(
                'Only one server group can be given in the group hint.')
        group_hint = group_hint[0] if group_hint else None
    if not group_hint:
        return None
    return objects.InstanceGroup.get_by_uuid(context, group_hint)


def spec_scheduler_hints(scheduler_hints):
    """The hints as the request spec keeps them, every value a list of
    strings; Nova's internal '_nova' hints are dropped."""
    hints = {}
    for key, value in (scheduler_hints or {}).items():
        if key.startswith('_nova'):
            continue
        values = value if isinstance(value, list) else [value]
        hints[key] = [_hint_string(item) for item in values]
    return hints


def _hint_string(value):
    """A hint value as Nova's string field makes it: a number or boolean
    as Python writes it (True: 'True'). Nova's field refuses anything
    else (and the create fails); here it is kept as its JSON text."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return jsonutils.dumps(value)
