"""The floor every other package stands on: errors, the report model (findings), the message
catalogue, the clock, exit outcomes, the regulation coverage records and the version. Imports
nothing else of the toolkit.
"""
