"""What each formula rests on, cited once so that every report says it the same way.

Verification status (what was read, and what could not be):

* ``EPA_EQ_5_1`` and ``EPA_EQ_5_2`` were read in the EPA's own text of the guidance
  (National Service Center for Environmental Publications, dockey 300062Q1, §5.1.1), which
  names Equation 5.1 (average daily removal efficiency, paired and lagged samples) and
  Equation 5.2 (mean removal efficiency, means of influent and effluent), and defines
  R_POTW (headworks to plant effluent), R_prim (headworks to primary effluent) and R_sec
  (headworks to secondary effluent).
* The allowable-headworks-loading pages of the guidance (the AHL, MAHL and MAIL equations
  and their numbers) could not be read from any stored copy. The AHL formulas here are the
  steady-state mass balances the method rests on, written in SI units; their equation
  numbers in the guidance are NOT cited because they could not be checked.
* ``EPA_R5_SPREADSHEET`` (US EPA Region 5 local-limits spreadsheet) was read for its
  variable definitions: Qind, Qpotw, Rpotw, Ccrit ("NPDES daily maximum permit limit"),
  Cdom/Qdom, Lhw ("maximum allowable headworks pollutant loading"), Ldom, Lind, Cind, SF.
* ``BRYAN_OH`` was read for the uniform-concentration allocation and its flow basis.
* ``WASHINGTON_CH_OH`` Table No. 9 is the published worked example the tests reproduce.
* ``DESIGN_LOADING`` was read in the North Carolina letter it quotes (design loading used as
  an MAHL criterion for a conventional pollutant).
"""

from __future__ import annotations

EPA_2004 = "US EPA, Local Limits Development Guidance, EPA 833-R-04-002A (July 2004)"
EPA_EQ_5_1 = f"{EPA_2004}, §5.1.1, Equation 5.1 (average daily removal efficiency, ADRE)"
EPA_EQ_5_2 = f"{EPA_2004}, §5.1.1, Equation 5.2 (mean removal efficiency, MRE)"
EPA_REMOVAL_TERMS = f"{EPA_2004}, §5.1.1 (R_POTW, R_prim, R_sec: removal from the headworks to each stage)"
EPA_AHL = (
    f"{EPA_2004}, chapter 5 (allowable headworks loadings); mass balance in SI units, equation number not verified"
)
EPA_MAHL = f"{EPA_2004}, chapter 5: the MAHL is the most stringent (lowest) AHL; equation number not verified"
EPA_MAIL = f"{EPA_2004}: MAIL = MAHL less a safety factor less uncontrolled loadings; equation number not verified"
EPA_R5_SPREADSHEET = (
    "US EPA Region 5 local limits spreadsheet (Locallmt.123): variables Qind, Qpotw, Rpotw, Ccrit, "
    "Cdom, Qdom, Lhw, Ldom, Lind, Cind, SF"
)
BRYAN_OH = (
    "City of Bryan, Ohio, Codified Ordinances, local limits calculation: allowable industry "
    "concentration = allowable industry loading ÷ (8.34 × industrial flow); the industrial flow "
    "includes only industries discharging the pollutant above background"
)
WASHINGTON_CH_OH = (
    "City of Washington Court House, Ohio, Codified Ordinances (Ord. 6-94, passed 1994-04-27), "
    "Table No. 9 'Mass proportion calculations for copper' (10 percent safety factor included)"
)
DESIGN_LOADING = (
    "design loading as an MAHL criterion, as in the North Carolina DWR pretreatment unit's review of the "
    "Town of Yadkinville headworks analysis (2017-10-31): 'PERCS chose to use ammonia design criteria to "
    "derive ammonia design loading since it is more conservative than pass through NPDES loading'"
)
MASS_BALANCE = "steady-state mass balance: flow-weighted mixing of two streams"
LOAD = "load = concentration × flow: mg/L × m³/d = g/d; ÷ 1000 → kg/d"
MEASURES_ART4 = "穗水规字〔2022〕7号 第四条 (operating state, treatment capacity and design standards of the plant)"
GB18918 = "GB 18918-2002 城镇污水处理厂污染物排放标准"
