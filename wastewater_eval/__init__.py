"""wasteval: assess production wastewater against the Guangzhou Measures (穗水规字〔2022〕7号).

The library never prints or exits: it returns values and raises the exceptions in
:mod:`wastewater_eval.errors`. The command line in :mod:`wastewater_eval.cli` is a thin layer.
"""

__version__ = "0.1.0"
