module jixiao

go 1.26.0

require github.com/stretchr/testify v1.12.1

require (
	codeberg.org/go-pdf/fpdf v0.12.0 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/image v0.48.0 // indirect
)
