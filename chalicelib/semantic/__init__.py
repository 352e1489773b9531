"""Understanding ideas by meaning, in Spanish, English and Portuguese, across languages.

This package holds the multilingual embedding model used at request time (search, duplicate
hints), by the embed-on-write worker and by the nightly job. It needs numpy and the model's
package, which the API Lambda's zip does not carry: the API never imports it at module level,
only on first use, and in AWS it runs in its own function (README, "Where the model runs").
"""
