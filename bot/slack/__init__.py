"""The Slack layer: translates Slack payloads to engine calls and engine results to Block Kit.

Nothing outside this package imports Slack libraries; the engine stays pure.
"""
