"""Assembly: run the rules on the facts and build the result (:class:`~.result.Assessment`).

:mod:`.assess` the entry points, :mod:`.result` the value objects and their JSON shape
(``wasteval/assessment/v1``), :mod:`.opinion` the design-condition opinion of 第五条第二项.
"""
