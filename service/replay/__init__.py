"""Replay and planning: a city's real calls for service through the pure decision core.

`calls` reads an export through a column mapping; `classify` runs every call through `plan`
(units unlimited: the policy's preference); `simulate` replays the calls against a roster of
civilian teams with shifts and real service times, asking `decide` at each call; `equity` compares
zones; `report` and `charts` write the HTML and JSON. `runner.run` ties them together and
`cli` is the `dispatch-assist replay` sub-command. Nothing here talks to Redis or HTTP.
"""
