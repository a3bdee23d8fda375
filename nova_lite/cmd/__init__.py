"""Console scripts. Importing this package monkey patches with eventlet so
every service runs its RPC workers and builds as green threads."""

from nova_lite import monkey_patch

monkey_patch.patch()
