package site

import _ "embed"

// trustedTypesPath is our Trusted Types policy (trusted-types.js says what it allows). The CSP
// requires Trusted Types for scripts and allows only the policy named "default", which this
// file creates before any other script runs.
const trustedTypesPath = "/trusted-types.js"

//go:embed trusted-types.js
var trustedTypesJS string
