"""Compute API: what the REST layer calls to create, show, list and delete
servers. Runs in the API process; never imports a manager."""

import functools

from oslo_log import log as logging
from oslo_utils import excutils
from oslo_utils import uuidutils

from nova_lite.compute import instance_list
from nova_lite.compute import instance_lock
from nova_lite.compute import boot_image
from nova_lite.compute import power_state
from nova_lite.compute import rpcapi as compute_rpcapi
from nova_lite.compute import scheduling
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite.conductor import api as conductor_api
from nova_lite import exception
from nova_lite.image import api as image_api
from nova_lite.network import api as network_api
from nova_lite import objects
from nova_lite.objects import aggregate as aggregate_obj
from nova_lite import quota
from nova_lite.scheduler.client import report
from nova_lite import utils

LOG = logging.getLogger(__name__)


def _invalid_state(instance, attr, method):
    return exception.InstanceInvalidState(
        attr=attr, instance_uuid=instance.uuid, method=method,
        state=getattr(instance, attr))


def check_instance_host(function):
    """Refuse (InstanceNotReady, 409) an action on an instance that has no
    host to run it, as Nova's decorator of the same name."""

    @functools.wraps(function)
    def wrapped(self, context, instance, *args, **kwargs):
        if not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        return function(self, context, instance, *args, **kwargs)
    return wrapped


def check_instance_state(vm_state=None, task_state=(None,)):
    """Refuse (InstanceInvalidState, 409 in the API) an operation on an
    instance whose vm_state or task_state it does not allow, as Nova's
    decorator of the same name."""

    def outer(function):
        @functools.wraps(function)
        def inner(self, context, instance, *args, **kwargs):
            if vm_state is not None and instance.vm_state not in vm_state:
                raise _invalid_state(instance, 'vm_state', function.__name__)
            if task_state is not None and \
                    instance.task_state not in task_state:
                raise _invalid_state(instance, 'task_state',
                                     function.__name__)
            return function(self, context, instance, *args, **kwargs)
        return inner
    return outer


def check_metadata_quota(limits, metadata):
    """MetadataLimitExceeded (403) for more metadata items than the
    metadata_items quota of ``limits``."""
    limit = limits['metadata_items']
    if metadata and 0 <= limit < len(metadata):
        raise exception.MetadataLimitExceeded(allowed=limit)


class API(instance_lock.LockAPIMixin):
    """Server operations, checked and recorded, then handed to the
    conductor or the instance's compute host."""

    def __init__(self, conf):
        self.conf = conf
        self.image_api = image_api.API(conf)
        self.compute_task_api = conductor_api.ComputeTaskAPI()
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()
        self.network_api = network_api.API()
        self.reportclient = report.SchedulerReportClient()

    # create

    def create(self, context, flavor, image_href, name, min_count=1,
               max_count=1, metadata=None, config_drive=False,
               availability_zone=None, user_data=None, admin_password=None,
               requested_networks=None, key_name=None, description=None,
               injected_files=None, forced_host=None, forced_node=None,
               scheduler_hints=None, tags=None, access_ip_v4=None,
               access_ip_v6=None, auto_disk_config=None, requested_host=None,
               requested_hypervisor_hostname=None, hostname=None):
        """Record the new instances (BUILD/scheduling) and cast their build
        to the conductor. Returns (instances, reservation_id).

        ``injected_files``: (path, base64 contents) of the personality
        files, decoded by the compute host as in Nova.
        ``forced_host``/``forced_node``: what an admin's
        ``zone:host:node`` availability zone forces.
        ``scheduler_hints``: os:scheduler_hints; its ``group`` is the
        server group the instances join.
        ``tags``: the server tags every instance is created with.
        ``auto_disk_config``: True for AUTO, False for MANUAL, None to
        take the image's.
        ``requested_host``/``requested_hypervisor_hostname``: where an
        admin asks the servers to land (2.74); the scheduler's filters
        still apply to it.
        ``hostname``: the one the guest is told (2.90), else one made
        from the name."""
        _check_multiple_instances(requested_networks, hostname, max_count)
        if availability_zone and forced_host is None:
            self._check_availability_zone(context, availability_zone)
        image = self.image_api.get(context, image_href)
        boot_image.check_image(image, flavor)
        instance_fields = {
            'access_ip_v4': access_ip_v4, 'access_ip_v6': access_ip_v6,
            'auto_disk_config': boot_image.auto_disk_config(
                image, auto_disk_config)}
        # [(limits, usage)] of the project and of the user in it; the
        # user's limits are the ones that apply.
        scopes = quota.scopes(context, self.conf, context.project_id,
                              context.user_id)
        limits = scopes[-1][0]
        self._check_injected_file_quota(limits, injected_files or [])
        check_metadata_quota(limits, metadata)
        key_pair = _get_key_pair(context, key_name)
        # How many instances can have the requested networks.
        max_count = self.network_api.validate_networks(
            context, requested_networks, max_count)
        instance_group = scheduling.requested_instance_group(
            context, scheduler_hints)
        destination = scheduling.requested_destination(
            context, requested_host, requested_hypervisor_hostname)
        count = self._check_quota(context, scopes, flavor, min_count,
                                  max_count)
        if instance_group is not None:
            self._check_group_member_quota(context, instance_group, count)
        request_spec = objects.RequestSpec(
            context, project_id=context.project_id,
            user_id=context.user_id, flavor=flavor,
            image=objects.ImageMeta.from_dict(image), num_instances=count,
            availability_zone=availability_zone, ignore_hosts=None,
            force_hosts=scheduling.forced_hosts(forced_host, forced_node),
            retry_hosts=[], instance_group=instance_group,
            scheduler_hints=scheduling.spec_scheduler_hints(scheduler_hints),
            requested_destination=destination)
        reservation_id = 'r-' + uuidutils.generate_uuid()[:8]
        instances = []
        for index in range(count):
            instance = self._create_instance_record(
                context, flavor, image, name, index, count, metadata,
                config_drive, availability_zone, user_data, key_pair,
                description, reservation_id, tags or [],
                dict(instance_fields, hostname=hostname))
            instances.append(instance)
        if instance_group is not None:
            scheduling.join_group(context, instance_group, instances)
            self._recheck_group_member_quota(context, instance_group,
                                             instances)
        # One request spec per instance, as Nova keeps them.
        for instance in instances:
            spec = request_spec.obj_clone()
            spec.instance_uuid = instance.uuid
            spec._context = context
            spec.create()
            bdm = objects.BlockDeviceMapping.root_from_image(context,
                                                             image['id'])
            bdm.instance_uuid = instance.uuid
            bdm.create()
            objects.InstanceAction.action_start(context, instance.uuid,
                                                'create')
        request_spec.instance_uuid = instances[0].uuid
        self.compute_task_api.schedule_and_build_instances(
            context, instances=instances, request_spec=request_spec,
            image=image, admin_password=admin_password,
            injected_files=injected_files or [],
            requested_networks=requested_networks,
            block_device_mapping=None)
        return instances, reservation_id

    def _check_availability_zone(self, context, availability_zone):
        """Nova's check: the zone must have an enabled service."""
        admin = context.elevated()
        available, _unavailable = aggregate_obj.get_availability_zones(
            admin, self.conf, objects.ServiceList.get_all(admin))
        if availability_zone not in available:
            raise exception.InvalidRequest(
                'The requested availability zone is not available')

    def _check_group_member_quota(self, context, instance_group, count):
        """GroupMemberLimitExceeded (403) if the caller's servers in the
        group would be more than the server_group_members quota."""
        limit = quota.get_limits(context, self.conf, context.project_id,
                                 context.user_id)['server_group_members']
        if limit < 0:
            return
        used = instance_group.count_members_by_user(context.user_id)
        if used + count > limit:
            raise exception.GroupMemberLimitExceeded()

    def _recheck_group_member_quota(self, context, instance_group,
                                    instances):
        """Nova's second count once the new instances are members
        (``[quota] recheck_quota``): if racing creates made the caller's
        servers in the group more than the quota, these instances are
        removed again, leaving nothing, and the create is refused."""
        if not self.conf.quota.recheck_quota:
            return
        group = objects.InstanceGroup.get_by_uuid(context,
                                                  instance_group.uuid)
        try:
            self._check_group_member_quota(context, group, 0)
        except exception.GroupMemberLimitExceeded:
            with excutils.save_and_reraise_exception():
                for instance in instances:
                    instance.purge()

    @staticmethod
    def _check_injected_file_quota(limits, injected_files):
        """Nova's limits on personality files: how many, path length and
        content size (403 over any)."""
        def over(name, value):
            return limits[name] >= 0 and value > limits[name]

        if over('injected_files', len(injected_files)):
            raise exception.OnsetFileLimitExceeded()
        for path, contents in injected_files:
            if over('injected_file_path_bytes', len(path)):
                raise exception.OnsetFilePathLimitExceeded(
                    allowed=limits['injected_file_path_bytes'])
            if over('injected_file_content_bytes', len(contents)):
                raise exception.OnsetFileContentLimitExceeded(
                    allowed=limits['injected_file_content_bytes'])

    def _create_instance_record(self, context, flavor, image, name, index,
                                count, metadata, config_drive,
                                availability_zone, user_data, key_pair,
                                description, reservation_id, tags,
                                instance_fields):
        display_name = name if count == 1 else '%s-%d' % (name, index + 1)
        system_metadata = boot_image.system_metadata(image)
        system_metadata['reservation_id'] = reservation_id
        uuid = uuidutils.generate_uuid()
        if not instance_fields['hostname']:
            instance_fields = dict(instance_fields, hostname=_default_hostname(
                name, index, count, uuid))
        instance = objects.Instance(
            context, uuid=uuid,
            user_id=context.user_id, project_id=context.project_id,
            image_ref=image['id'], display_name=display_name,
            display_description=description, launch_index=index,
            key_name=key_pair.name if key_pair else None,
            key_data=key_pair.public_key if key_pair else None,
            memory_mb=flavor.memory_mb, vcpus=flavor.vcpus,
            root_gb=flavor.root_gb, ephemeral_gb=flavor.ephemeral_gb,
            instance_type_id=flavor.id, flavor=flavor,
            vm_state=vm_states.BUILDING, task_state=task_states.SCHEDULING,
            power_state=power_state.NOSTATE,
            availability_zone=availability_zone,
            config_drive='True' if config_drive else '',
            user_data=user_data, metadata=metadata or {},
            system_metadata=system_metadata, progress=0,
            tags=objects.TagList.from_names(context, uuid, tags),
            **instance_fields)
        instance.create()
        return instance

    def _check_quota(self, context, scopes, flavor, min_count, max_count):
        """The number of instances (<= max_count) the project, and the user
        in it, may still create (``scopes``: quota.scopes);
        TooManyInstances if not even min_count."""
        per_instance = {'instances': 1, 'cores': flavor.vcpus,
                        'ram': flavor.memory_mb}
        allowed = max_count
        for limits, usage in scopes:
            for resource, each in per_instance.items():
                limit = limits[resource]
                if limit < 0 or each == 0:
                    continue
                allowed = min(allowed, (limit - usage[resource]) // each)
        if allowed < min_count:
            resource, limit, used = quota.over(
                context, self.conf, context.project_id, context.user_id,
                {r: each * min_count for r, each in per_instance.items()})
            raise exception.TooManyInstances(
                overs=resource, req=per_instance[resource] * min_count,
                used=used, allowed=limit)
        return allowed

    def update_instance(self, context, instance, updates):
        """Save ``updates`` (fields of the instance) as they are."""
        for field, value in updates.items():
            setattr(instance, field, value)
        instance.save()
        return instance

    # server metadata

    @instance_lock.check_instance_lock
    @check_instance_state(vm_state=[vm_states.ACTIVE, vm_states.PAUSED,
                                    vm_states.SUSPENDED, vm_states.STOPPED],
                          task_state=[None])
    def update_instance_metadata(self, context, instance, metadata,
                                 delete=False):
        """Merge ``metadata`` into the server's (replace it all with
        ``delete``); MetadataLimitExceeded over the quota. Returns the
        metadata saved."""
        merged = dict(metadata)
        if not delete:
            merged = dict(instance.metadata, **metadata)
        check_metadata_quota(quota.get_limits(
            context, self.conf, context.project_id, context.user_id), merged)
        instance.metadata = merged
        instance.save()
        return merged

    @instance_lock.check_instance_lock
    @check_instance_state(vm_state=[vm_states.ACTIVE, vm_states.PAUSED,
                                    vm_states.SUSPENDED, vm_states.STOPPED],
                          task_state=[None])
    def delete_instance_metadata(self, context, instance, key):
        metadata = dict(instance.metadata)
        metadata.pop(key, None)
        instance.metadata = metadata
        instance.save()

    # read

    def get(self, context, instance_id,
            expected_attrs=('fault', 'info_cache')):
        """The instance, if it exists and the caller may see it."""
        if not uuidutils.is_uuid_like(instance_id):
            raise exception.InstanceNotFound(instance_id=instance_id)
        instance = objects.Instance.get_by_uuid(
            context, instance_id, expected_attrs=list(expected_attrs))
        if not context.is_admin and instance.project_id != context.project_id:
            raise exception.InstanceNotFound(instance_id=instance_id)
        return instance

    def get_all(self, context, search_opts=None, limit=None, marker=None,
                sort_keys=None, sort_dirs=None,
                expected_attrs=('fault', 'info_cache')):
        """The instances the list options ``search_opts`` select, sorted
        by ``sort_keys`` / ``sort_dirs`` (see instance_list.get_all)."""
        return instance_list.get_all(
            context, search_opts or {}, limit=limit, marker=marker,
            sort_keys=sort_keys, sort_dirs=sort_dirs,
            expected_attrs=expected_attrs)

    # delete

    @instance_lock.check_instance_lock
    def delete(self, context, instance):
        """Delete the server: on its host if it has one that is up, else
        at once here (Nova's local delete)."""
        if instance.host and self._host_is_up(context, instance.host):
            # As Nova: whatever task the server is in, a delete takes
            # over (the task's host finds out when it saves), and a
            # second delete is ignored.
            original_task_state = instance.task_state
            instance.task_state = task_states.DELETING
            instance.save()
            if original_task_state == task_states.DELETING:
                LOG.info('Instance is already in deleting state, ignoring '
                         'this request', instance=instance)
                return
            objects.InstanceAction.action_start(context, instance.uuid,
                                                'delete')
            self.compute_rpcapi.terminate_instance(context, instance)
            return
        objects.InstanceAction.action_start(context, instance.uuid, 'delete')
        LOG.info('Deleting instance with no running host locally',
                 instance=instance)
        self.network_api.deallocate_for_instance(context, instance)
        self.reportclient.delete_allocation_for_instance(context,
                                                         instance.uuid)
        instance.destroy()

    def _host_is_up(self, context, host):
        service = objects.Service.get_by_host_and_binary(
            context, host, 'nova-lite-compute')
        return bool(service) and service.is_up(self.conf.service_down_time)

    # actions

    def get_console_output(self, context, instance, tail_length=None):
        if not instance.host or instance.task_state == task_states.DELETING:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        return self.compute_rpcapi.get_console_output(
            context, instance, tail_length=tail_length)

    @instance_lock.check_instance_lock
    @check_instance_host
    @check_instance_state(vm_state=vm_states.ALLOW_HARD_REBOOT,
                          task_state=task_states.ALLOW_REBOOT)
    def reboot(self, context, instance, reboot_type):
        """Reboot the guest: SOFT asks it to restart (ACTIVE only), HARD
        recreates its domain."""
        if reboot_type == 'SOFT':
            if instance.vm_state not in vm_states.ALLOW_SOFT_REBOOT:
                raise _invalid_state(instance, 'vm_state', 'reboot')
            if instance.task_state is not None:
                raise _invalid_state(instance, 'task_state', 'reboot')
            task_state = task_states.REBOOTING
        else:
            task_state = task_states.REBOOTING_HARD
        # A soft reboot starts only from no task; a hard one may cut in.
        expected = ((None,) if reboot_type == 'SOFT'
                    else task_states.ALLOW_REBOOT)
        self._record_action_start(context, instance, task_state, 'reboot',
                                  expected=expected)
        self.compute_rpcapi.reboot_instance(context, instance,
                                            reboot_type=reboot_type)

    @instance_lock.check_instance_lock
    @check_instance_host
    @check_instance_state(vm_state=[vm_states.ACTIVE, vm_states.ERROR])
    def stop(self, context, instance, clean_shutdown=True):
        """Shut the guest down (cleanly, then by force) and keep it."""
        self.force_stop(context, instance, clean_shutdown)

    @check_instance_host
    def force_stop(self, context, instance, clean_shutdown=True):
        """stop without the vm_state check: the power-state sync stops an
        instance recorded as stopped whose guest runs."""
        instance.progress = 0
        self._record_action_start(context, instance,
                                  task_states.POWERING_OFF, 'stop')
        self.compute_rpcapi.stop_instance(context, instance,
                                          clean_shutdown=clean_shutdown)

    @instance_lock.check_instance_lock
    @check_instance_host
    @check_instance_state(vm_state=[vm_states.STOPPED])
    def start(self, context, instance):
        """Start a stopped guest."""
        self._record_action_start(context, instance,
                                  task_states.POWERING_ON, 'start')
        self.compute_rpcapi.start_instance(context, instance)

    @instance_lock.check_instance_lock
    @check_instance_host
    @check_instance_state(vm_state=[vm_states.ACTIVE])
    def pause(self, context, instance):
        """Freeze the guest's vCPUs; it stays in memory."""
        self._record_action_start(context, instance, task_states.PAUSING,
                                  'pause')
        self.compute_rpcapi.pause_instance(context, instance)

    @instance_lock.check_instance_lock
    @check_instance_host
    @check_instance_state(vm_state=[vm_states.PAUSED])
    def unpause(self, context, instance):
        """Let a paused guest run again."""
        self._record_action_start(context, instance, task_states.UNPAUSING,
                                  'unpause')
        self.compute_rpcapi.unpause_instance(context, instance)

    @instance_lock.check_instance_lock
    @check_instance_host
    @check_instance_state(vm_state=[vm_states.ACTIVE])
    def suspend(self, context, instance):
        """Save the guest's memory to disk and stop it."""
        self._record_action_start(context, instance, task_states.SUSPENDING,
                                  'suspend')
        self.compute_rpcapi.suspend_instance(context, instance)

    @instance_lock.check_instance_lock
    @check_instance_host
    @check_instance_state(vm_state=[vm_states.SUSPENDED])
    def resume(self, context, instance):
        """Restore a suspended guest from its saved memory."""
        self._record_action_start(context, instance, task_states.RESUMING,
                                  'resume')
        self.compute_rpcapi.resume_instance(context, instance)

    @instance_lock.check_instance_lock
    @check_instance_host
    @check_instance_state(vm_state=[vm_states.ACTIVE, vm_states.STOPPED,
                                    vm_states.ERROR])
    def rebuild(self, context, instance, image_href, admin_password,
                name=None, metadata=None, description=None,
                preserve_ephemeral=False, **kwargs):
        """Re-create the guest from ``image_href``: same uuid, host and
        ports, new disks and config drive. ``kwargs`` may also set
        user_data, key_name, hostname, access_ip_v4, access_ip_v6 and
        auto_disk_config (None: the new image's)."""
        if preserve_ephemeral:
            # The libvirt driver recreates every disk, as Nova's does.
            raise exception.PreserveEphemeralNotSupported()
        image = self.image_api.get(context, image_href)
        boot_image.check_image(image, instance.flavor)
        instance.auto_disk_config = boot_image.auto_disk_config(
            image, kwargs.get('auto_disk_config'))
        check_metadata_quota(quota.get_limits(
            context, self.conf, context.project_id, context.user_id),
            metadata)
        orig_image_ref = instance.image_ref
        if name is not None:
            instance.display_name = name
        if description is not None:
            instance.display_description = description
        if metadata is not None:
            instance.metadata = metadata
        for field in ('user_data', 'hostname', 'access_ip_v4',
                      'access_ip_v6'):
            if field in kwargs:
                setattr(instance, field, kwargs[field])
        if 'key_name' in kwargs:
            # null removes the key, as Nova's rebuild from 2.54.
            key_pair = _get_key_pair(context, kwargs['key_name'])
            instance.key_name = key_pair.name if key_pair else None
            instance.key_data = key_pair.public_key if key_pair else None
        instance.image_ref = image['id']
        # Nothing of the old image stays (Nova's _reset_image_metadata).
        sys_meta = {k: v for k, v in (instance.system_metadata or {}).items()
                    if not k.startswith('image_')}
        sys_meta.update(boot_image.system_metadata(image))
        instance.system_metadata = sys_meta
        self._record_action_start(context, instance, task_states.REBUILDING,
                                  'rebuild')
        self.compute_rpcapi.rebuild_instance(
            context, instance, orig_image_ref=orig_image_ref,
            image_ref=image['id'], image=image,
            admin_password=admin_password,
            preserve_ephemeral=preserve_ephemeral)
        return instance

    def _record_action_start(self, context, instance, task_state, action,
                             expected=(None,)):
        """Claim the instance for ``action`` (task_state, compare-and-swap
        on the current one so two actions cannot both start) and open its
        instance action."""
        instance.task_state = task_state
        try:
            instance.save(expected_task_state=list(expected))
        except exception.InstanceInvalidState as exc:
            # Another action won the race: report the state it left.
            raise exception.InstanceInvalidState(
                attr=exc.kwargs['attr'], state=exc.kwargs['state'],
                instance_uuid=instance.uuid, method=action)
        objects.InstanceAction.action_start(context, instance.uuid, action)


def _get_key_pair(context, key_name):
    """The caller's key pair named ``key_name``, None without a name;
    KeypairNotFound if the caller has none of that name."""
    if key_name is None:
        return None
    return objects.KeyPair.get_by_name(context, context.user_id, key_name)


def _check_multiple_instances(requested_networks, hostname, max_count):
    """What Nova refuses first when more than one instance is asked for:
    a fixed IP, a port or a hostname that all of them would share."""
    if max_count <= 1:
        return
    for request in requested_networks or []:
        if request.network_id and request.address:
            raise exception.InvalidFixedIpAndMaxCountRequest(
                reason='max_count cannot be greater than 1 if an '
                       'fixed_ip is specified.')
        if request.port_id:
            raise exception.MultiplePortsNotApplicable(
                reason='Unable to launch multiple instances with a '
                       'single configured port ID. Please launch '
                       'your instance one by one with different '
                       'ports.')
    if hostname:
        raise exception.AmbiguousHostnameForMultipleInstances()


def _default_hostname(name, index, count, uuid):
    """The hostname of an instance that asked for none, as Nova's
    _populate_instance_names: the sanitized server name, with the index
    suffix the display names of several instances get, or Server-<uuid>
    if nothing of the name is left."""
    hostname = utils.sanitize_hostname(name)
    if not hostname:
        return 'Server-%s' % uuid
    if count > 1:
        return '%s-%d' % (hostname, index + 1)
    return hostname
