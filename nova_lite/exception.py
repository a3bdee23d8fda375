"""nova-lite's exceptions: a message template and the HTTP code the API maps
them to (see nova_lite.api.openstack.faults)."""

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class NovaException(Exception):
    """Base exception: ``msg_fmt`` is formatted with the keyword arguments."""

    msg_fmt = "An unknown exception occurred."
    code = 500
    headers = {}
    safe = False

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        self.kwargs.setdefault('code', self.code)
        if not message:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                LOG.exception('Exception in string format operation: %s',
                              kwargs)
                message = self.msg_fmt
        self.message = message
        super().__init__(message)

    def format_message(self):
        return self.args[0]


class Invalid(NovaException):
    msg_fmt = "Bad Request - Invalid Parameters"
    code = 400


class ValidationError(Invalid):
    msg_fmt = "%(detail)s"


class InvalidInput(Invalid):
    msg_fmt = "Invalid input received: %(reason)s"


class Conflict(NovaException):
    msg_fmt = "Conflict"
    code = 409


class Forbidden(NovaException):
    msg_fmt = "Forbidden"
    code = 403


class PolicyNotAuthorized(Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class NotFound(NovaException):
    msg_fmt = "Resource could not be found."
    code = 404


class InstanceNotFound(NotFound):
    msg_fmt = "Instance %(instance_id)s could not be found."


class InstanceMappingNotFound(NotFound):
    # Nova's answer for a server uuid it has never had, where it looks up
    # the server's cell first (server tags).
    msg_fmt = "Instance %(uuid)s has no mapping to a cell."


class InstanceTagNotFound(NotFound):
    msg_fmt = "Instance %(instance_id)s has no tag '%(tag)s'"


class FlavorNotFound(NotFound):
    msg_fmt = "Flavor %(flavor_id)s could not be found."


class FlavorExtraSpecsNotFound(NotFound):
    msg_fmt = ("Flavor %(flavor_id)s has no extra specs with key "
               "%(extra_specs_key)s.")


class FlavorAccessExists(Conflict):
    msg_fmt = ("Flavor access already exists for flavor %(flavor_id)s and "
               "project %(project_id)s combination.")


class FlavorAccessNotFound(NotFound):
    msg_fmt = ("Flavor access not found for %(flavor_id)s / "
               "%(project_id)s combination.")


class FlavorExists(Conflict):
    msg_fmt = "Flavor with name %(name)s already exists."


class FlavorIdExists(Conflict):
    msg_fmt = "Flavor with ID %(flavor_id)s already exists."


class ImageNotFound(NotFound):
    msg_fmt = "Image %(image_id)s could not be found."


class KeypairNotFound(NotFound):
    msg_fmt = "Keypair %(name)s not found for user %(user_id)s"


class KeyPairExists(Conflict):
    msg_fmt = "Key pair '%(key_name)s' already exists."


class InvalidKeypair(Invalid):
    msg_fmt = "Keypair data is invalid: %(reason)s"


class MarkerNotFound(NotFound):
    msg_fmt = "Marker %(marker)s could not be found."


class ImageNotActive(Invalid):
    msg_fmt = "Image %(image_id)s is not active."


class ImageUnacceptable(Invalid):
    msg_fmt = "Image %(image_id)s is unacceptable: %(reason)s"


class AutoDiskConfigDisabledByImage(Invalid):
    msg_fmt = ("Requested image %(image)s has automatic disk resize "
               "disabled.")


class FlavorMemoryTooSmall(Invalid):
    msg_fmt = "Flavor's memory is too small for requested image."


class FlavorDiskTooSmall(Invalid):
    msg_fmt = ("The created instance's disk would be too small. Flavor's "
               "disk is too small for requested image.")


class ServiceNotFound(NotFound):
    msg_fmt = "Service %(service_id)s could not be found."


class ComputeHostNotFound(NotFound):
    msg_fmt = "Compute host %(host)s could not be found."


class NoValidHost(NovaException):
    msg_fmt = "No valid host was found. %(reason)s"


class MaxRetriesExceeded(NoValidHost):
    msg_fmt = "Exceeded maximum number of retries. %(reason)s"


class InstanceInvalidState(Invalid):
    msg_fmt = ("Instance %(instance_uuid)s in %(attr)s %(state)s. Cannot "
               "%(method)s while the instance is in this state.")
    code = 409


class InstanceIsLocked(InstanceInvalidState):
    msg_fmt = "Instance %(instance_uuid)s is locked"


class PinnedAvailabilityZoneChange(Conflict):
    msg_fmt = ("Cannot change pinned availability zone directly. Unpin "
               "first by setting pinned_availability_zone to null.")


class PinnedAvailabilityZoneNotCurrent(Conflict):
    msg_fmt = ("Server can only be pinned to its current availability zone "
               "'%(current_az)s', but '%(requested_az)s' was requested.")


class InstanceExists(Conflict):
    msg_fmt = "Instance %(name)s already exists."


class ComputeResourcesUnavailable(NovaException):
    msg_fmt = "Insufficient compute resources: %(reason)s."


class RescheduledException(NovaException):
    msg_fmt = ("Build of instance %(instance_uuid)s was re-scheduled: "
               "%(reason)s")


class BuildAbortException(NovaException):
    msg_fmt = "Build of instance %(instance_uuid)s aborted: %(reason)s"


class InstanceDeployFailure(NovaException):
    msg_fmt = "Failed to deploy instance: %(reason)s"


class HypervisorUnavailable(NovaException):
    msg_fmt = "Connection to the hypervisor is broken on host: %(host)s"


class InternalError(NovaException):
    msg_fmt = "%(err)s"


class ObjectActionError(NovaException):
    msg_fmt = 'Object action %(action)s failed because: %(reason)s'


class ConsoleNotAvailable(Conflict):
    msg_fmt = "Guest does not have a console available."


class ConsoleLogOutputException(NovaException):
    msg_fmt = "Console log output could not be retrieved for instance " \
              "%(instance_id)s. Reason: %(reason)s"


class InstanceNotReady(Invalid):
    msg_fmt = "Instance %(instance_id)s is not ready"
    code = 409


class UnsupportedVirtType(Invalid):
    msg_fmt = "Virtualization type '%(virt)s' is not supported by this " \
              "compute driver"


class DBNotAllowed(NovaException):
    msg_fmt = '%(binary)s attempted direct database access which is ' \
              'not allowed by policy'


class UnsupportedHardware(Invalid):
    msg_fmt = "Requested hardware '%(model)s' is not supported by the " \
              "'%(virt)s' virt driver"


class InvalidVideoMode(Invalid):
    msg_fmt = "Provided video model (%(model)s) is not supported."


class RequestedVRamTooHigh(NovaException):
    msg_fmt = "The requested amount of video memory %(req_vram)d is higher " \
              "than the maximum allowed by flavor %(max_vram)d."


class RngDeviceNotExist(Invalid):
    msg_fmt = "The provided RNG device path: (%(path)s) is not present on " \
              "the host."


class InvalidRequest(Invalid):
    msg_fmt = "The request is invalid."


class ImageVCPULimitsRangeExceeded(Invalid):
    msg_fmt = "Image vCPU topology limits (sockets=%(image_sockets)d, " \
              "cores=%(image_cores)d, threads=%(image_threads)d) exceeds " \
              "the limits of the flavor (sockets=%(flavor_sockets)d, " \
              "cores=%(flavor_cores)d, threads=%(flavor_threads)d)"


class ImageVCPUTopologyRangeExceeded(Invalid):
    msg_fmt = "Image vCPU topology (sockets=%(image_sockets)d, " \
              "cores=%(image_cores)d, threads=%(image_threads)d) exceeds " \
              "the limits of the flavor or image (sockets=%(max_sockets)d, " \
              "cores=%(max_cores)d, threads=%(max_threads)d)"


class ImageVCPULimitsRangeImpossible(Invalid):
    msg_fmt = "Requested vCPU limits %(sockets)d:%(cores)d:%(threads)d " \
              "are impossible to satisfy for vcpus count %(vcpus)d"


class TooManyDiskDevices(NovaException):
    msg_fmt = "The maximum allowed number of disk devices (%(maximum)d) to " \
              "attach to a single instance has been exceeded."
    code = 403


class DiskNotFound(NotFound):
    msg_fmt = "No disk at %(location)s"


# Networking (Nova's messages for what Neutron refuses)

class NetworkNotFound(NotFound):
    msg_fmt = "Network %(network_id)s could not be found."


class PortNotFound(NotFound):
    msg_fmt = "Port id %(port_id)s could not be found."


class PortInUse(Invalid):
    msg_fmt = "Port %(port_id)s is still in use."
    code = 409


class PortRequiresFixedIP(Invalid):
    msg_fmt = "Port %(port_id)s requires a FixedIP in order to be used."


class PortNotUsable(Invalid):
    msg_fmt = "Port %(port_id)s not usable for instance %(instance)s."


class NetworkAmbiguous(Invalid):
    msg_fmt = ("More than one possible network found. Specify network "
               "ID(s) to select which one(s) to connect to.")
    code = 409


class NetworkRequiresSubnet(Invalid):
    msg_fmt = ("Network %(network_uuid)s requires a subnet in order to boot "
               "instances on.")


class UnableToAutoAllocateNetwork(Invalid):
    msg_fmt = ("Unable to automatically allocate a network for project "
               "%(project_id)s")


class MultiplePortsNotApplicable(Invalid):
    msg_fmt = "Failed to launch instances: %(reason)s"


class InvalidFixedIpAndMaxCountRequest(Invalid):
    msg_fmt = "Failed to launch instances: %(reason)s"


class AmbiguousHostnameForMultipleInstances(Invalid):
    msg_fmt = "Unable to allocate a single hostname to multiple instances"


class FixedIpAlreadyInUse(Invalid):
    msg_fmt = ("Fixed IP address %(address)s is already in use on instance "
               "%(instance_uuid)s.")


class NoMoreFixedIps(NovaException):
    msg_fmt = "No fixed IP addresses available for network: %(net)s"


class NetworkInUse(Conflict):
    msg_fmt = "Network %(network_id)s is still in use."


class InvalidNetwork(Invalid):
    msg_fmt = "Invalid network: %(reason)s"


class ConfigDriveUnknownFormat(NovaException):
    msg_fmt = "Unknown config drive format %(format)s. Select one of " \
              "iso9660."


# File injection into disk images (libguestfs), worded as Nova's.

class DiskInjectionFailed(NovaException):
    msg_fmt = "Error injecting data into image %(image_id)s (%(reason)s)"


class LibguestfsNotInstalled(NovaException):
    msg_fmt = "libguestfs is not installed (%(reason)s)"


class GuestfsMountFailed(NovaException):
    msg_fmt = "Error mounting %(image)s with libguestfs (%(reason)s)"


class GuestfsDeviceMountFailed(NovaException):
    msg_fmt = ("Error mounting %(device)s to %(dir)s in image %(image)s "
               "with libguestfs (%(reason)s)")


class NoOperatingSystemFound(NovaException):
    msg_fmt = "No operating system found in %(image)s"


class MultiBootOperatingSystemFound(NovaException):
    msg_fmt = "Multi-boot operating system found in %(image)s"


class NoMountPointsFound(NovaException):
    msg_fmt = "No mount points found in %(root)s of %(image)s"


class GuestfsOwnerNotFound(NovaException):
    msg_fmt = ("Error obtaining uid/gid for %(user)s/%(group)s:  path "
               "%(id_path)s not found (%(reason)s)")


class InjectedUserNotFound(NovaException):
    msg_fmt = "User %(username)s not found in %(file)s file."


class Base64Exception(NovaException):
    msg_fmt = "Invalid Base 64 data for file %(path)s"


class OverQuota(Forbidden):
    msg_fmt = "Quota exceeded for resources: %(overs)s"


class MetadataLimitExceeded(OverQuota):
    msg_fmt = "Maximum number of metadata items exceeds %(allowed)d"


class KeypairLimitExceeded(OverQuota):
    msg_fmt = "Maximum number of key pairs exceeded"


class OnsetFileLimitExceeded(OverQuota):
    msg_fmt = "Personality file limit exceeded"


class OnsetFilePathLimitExceeded(OnsetFileLimitExceeded):
    msg_fmt = "Personality file path exceeds maximum %(allowed)s"


class OnsetFileContentLimitExceeded(OnsetFileLimitExceeded):
    msg_fmt = "Personality file content exceeds maximum %(allowed)s"


class PreserveEphemeralNotSupported(Invalid):
    msg_fmt = ("The current driver does not support preserving ephemeral "
               "partitions.")


class TooManyInstances(OverQuota):
    msg_fmt = ("Quota exceeded for %(overs)s: Requested %(req)s, but "
               "already used %(used)s of %(allowed)s %(overs)s")


class FlavorDiskSmallerThanImage(FlavorDiskTooSmall):
    msg_fmt = ("Flavor's disk is too small for requested image. Flavor disk "
               "is %(flavor_size)i bytes, image is %(image_size)i bytes.")


class FlavorDiskSmallerThanMinDisk(FlavorDiskTooSmall):
    msg_fmt = ("Flavor's disk is smaller than the minimum size specified in "
               "image metadata. Flavor disk is %(flavor_size)i bytes, minimum "
               "size is %(image_min_disk)i bytes.")


class InvalidName(Invalid):
    msg_fmt = ("An invalid 'name' value was provided. The name must be: "
               "%(reason)s")


class InvalidAPIVersionString(Invalid):
    msg_fmt = ("API Version String %(version)s is of invalid format. Must "
               "be of format MajorNum.MinorNum.")


class InvalidGlobalAPIVersion(Invalid):
    msg_fmt = ("Version %(req_ver)s is not supported by the API. Minimum "
               "is %(min_ver)s and maximum is %(max_ver)s.")
    code = 406


class VersionNotFoundForAPIMethod(Invalid):
    msg_fmt = "API version %(version)s is not supported on this method."
    code = 404


class InstanceBuildTimeout(NovaException):
    msg_fmt = "Instance build timed out after %(timeout)s seconds."


class BuildInterrupted(NovaException):
    msg_fmt = "Build interrupted by a restart of the compute service on " \
              "%(host)s."


class RebuildInterrupted(NovaException):
    msg_fmt = "Rebuild interrupted by a restart of the compute service " \
              "on %(host)s."


class VirtualInterfacePlugException(NovaException):
    msg_fmt = "Virtual interface plugin failed"


class DhcpStatePathNotSearchable(NovaException):
    msg_fmt = ("dnsmasq reads its host entries under %(path)s as nobody, "
               "but %(directory)s is not searchable by others")


class ResourceProviderNotFound(NotFound):
    msg_fmt = "No such resource provider %(name_or_uuid)s."


class ResourceProviderGenerationConflict(Conflict):
    msg_fmt = ("A conflict was encountered attempting to update resource "
               "provider %(uuid)s (generation %(generation)s). The "
               "provider's generation changed: it was updated by another "
               "process.")


class InvalidAllocationCapacityExceeded(Conflict):
    msg_fmt = ("Unable to allocate inventory: Unable to create allocation "
               "for '%(resource_class)s' on resource provider "
               "'%(resource_provider)s'. The requested amount would exceed "
               "the capacity.")


class InvalidAllocationConstraintsViolated(Conflict):
    msg_fmt = ("Unable to allocate inventory: Unable to create allocation "
               "for '%(resource_class)s' on resource provider "
               "'%(resource_provider)s'. The requested amount would violate "
               "inventory constraints.")


class SchedulerHostFilterNotFound(NotFound):
    msg_fmt = "Scheduler Host Filter %(filter_name)s could not be found."


class SchedulerHostWeigherNotFound(NotFound):
    msg_fmt = "Scheduler Host Weigher %(weigher_name)s could not be found."


class InventoryInUse(Conflict):
    msg_fmt = ("Inventory for '%(resource_classes)s' on resource provider "
               "'%(resource_provider)s' in use.")


# Server groups and host aggregates (Nova's messages)

class InstanceGroupNotFound(NotFound):
    msg_fmt = "Instance group %(group_uuid)s could not be found."


class InstanceGroupIdExists(Conflict):
    msg_fmt = "Instance group %(group_uuid)s already exists."


class ServerGroupLimitExceeded(OverQuota):
    msg_fmt = "Quota exceeded, too many server groups."


class GroupMemberLimitExceeded(OverQuota):
    msg_fmt = "Quota exceeded, too many servers in group"


class AggregateNotFound(NotFound):
    msg_fmt = "Aggregate %(aggregate_id)s could not be found."


class AggregateNameExists(Conflict):
    msg_fmt = "Aggregate %(aggregate_name)s already exists."


class AggregateHostNotFound(NotFound):
    msg_fmt = "Aggregate %(aggregate_id)s has no host %(host)s."


class AggregateHostExists(Conflict):
    msg_fmt = "Aggregate %(aggregate_id)s already has host %(host)s."


class InvalidAggregateAction(Invalid):
    msg_fmt = "Unacceptable parameters."


class InvalidAggregateActionAdd(InvalidAggregateAction):
    msg_fmt = ("Cannot add host to aggregate %(aggregate_id)s. Reason: "
               "%(reason)s.")


class InvalidAggregateActionDelete(InvalidAggregateAction):
    msg_fmt = ("Cannot remove host from aggregate %(aggregate_id)s. Reason: "
               "%(reason)s.")


class InvalidAggregateActionUpdate(InvalidAggregateAction):
    msg_fmt = "Cannot update aggregate %(aggregate_id)s. Reason: %(reason)s."


class InvalidAggregateActionUpdateMeta(InvalidAggregateAction):
    msg_fmt = ("Cannot update metadata of aggregate %(aggregate_id)s. "
               "Reason: %(reason)s.")
