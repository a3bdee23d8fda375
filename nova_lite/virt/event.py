"""Events a hypervisor reports about its guests, as Nova's virt.event."""

import dataclasses
import time

EVENT_LIFECYCLE_STARTED = 0
EVENT_LIFECYCLE_STOPPED = 1
EVENT_LIFECYCLE_PAUSED = 2
EVENT_LIFECYCLE_RESUMED = 3
EVENT_LIFECYCLE_SUSPENDED = 4

NAMES = {
    EVENT_LIFECYCLE_STARTED: 'Started',
    EVENT_LIFECYCLE_STOPPED: 'Stopped',
    EVENT_LIFECYCLE_PAUSED: 'Paused',
    EVENT_LIFECYCLE_RESUMED: 'Resumed',
    EVENT_LIFECYCLE_SUSPENDED: 'Suspended',
}


@dataclasses.dataclass(frozen=True)
class LifecycleEvent:
    """A guest of ``uuid`` went through ``transition`` (one of the
    EVENT_LIFECYCLE_* values)."""

    uuid: str
    transition: int
    timestamp: float = dataclasses.field(default_factory=time.time)

    @property
    def name(self):
        return NAMES.get(self.transition, 'Unknown')
