"""The ``wasteval`` command: a thin layer over the library.

Exit codes (a contract, each tested):
  0  the command ran (an assessment ran, whatever it found; a check found nothing wrong)
  1  ``--fail-on`` was met, or a check found problems in what it checked
  2  bad input: a file, a line and a field are named; nothing was written
"""

from __future__ import annotations

import click

from .. import __version__
from .assess_cmd import assess_cmd
from .common import site_option
from .history_cmd import history_cmd
from .plants_cmd import plants_group
from .profiles_cmd import profiles_cmd
from .report_cmd import report_cmd
from .rules_cmd import rules_group
from .schema_cmd import schema_cmd
from .standards_cmd import standards_group
from .track_cmd import track_group


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="wasteval")
@site_option
def main() -> None:
    """Assess production wastewater discharged to public sewers (穗水规字〔2022〕7号)."""


main.add_command(assess_cmd)
main.add_command(standards_group)
main.add_command(schema_cmd)
main.add_command(rules_group)
main.add_command(profiles_cmd)
main.add_command(track_group)
main.add_command(history_cmd)
main.add_command(plants_group)
main.add_command(report_cmd)
