package peakheap

// Importing golden registers its -update flag, so that
// `go test ./... -update` runs in every package.
import _ "jixiao/golden"
