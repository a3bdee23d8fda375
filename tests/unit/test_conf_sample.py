"""The committed sample configuration is what oslo-config-generator makes
from today's options (regenerate with ``tox -e genconfig``)."""

import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SAMPLE = os.path.join(REPO, 'etc', 'nova_lite', 'nova_lite.conf.sample')
GENERATOR_CONF = os.path.join(REPO, 'etc', 'nova_lite',
                              'nova-lite-config-generator.conf')


def test_sample_config_is_up_to_date(tmp_path):
    fresh = tmp_path / 'nova_lite.conf.sample'
    generator = os.path.join(os.path.dirname(sys.executable),
                             'oslo-config-generator')
    subprocess.run([generator, '--config-file', GENERATOR_CONF,
                    '--output-file', str(fresh)], check=True, cwd=REPO,
                   capture_output=True)
    with open(SAMPLE) as committed:
        assert fresh.read_text() == committed.read(), (
            'etc/nova_lite/nova_lite.conf.sample is stale: run '
            '"tox -e genconfig" and commit the result')
