"""The skills taxonomy: its records, and how a YAML file becomes them.

model        the frozen records (skills, roles, certifications...) and skill importance
loading      `load_taxonomy`: read the YAML, use the in-process and on-disk caches
extension    merge a coach's `extends: builtin` file onto the built-in taxonomy
parsing      `parse`: the top level of the YAML mapping into a Taxonomy, then validation
entries      one guide, skill, role or certification entry into its record
validation   checks across the whole taxonomy: ids, references, shared terms, cycles
problems     every problem of a file collected and raised as one TaxonomyError
knowledge    what later stages derive from a taxonomy, computed once per taxonomy
demand_file  demand.yaml (job-posting counts per skill) as records, read and written
demand       what the counts say for a role: its posting group, shares, `demand_phrase`
blend        role weights: the guides' expected skills, weighed by posting demand
"""
