package serve

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"jixiao/internal/peakheap"
	"jixiao/model"
)

// BenchmarkBinder20 is the server under load: 20 clients at once each
// upload the 170-form book (the first 17 example forms ten times) and
// download its binder. Every download must succeed; the peak of the live
// heap says what the queue (renders bounded by the cores) keeps in memory.
func BenchmarkBinder20(b *testing.B) {
	book, err := model.ReadFile(exampleBook)
	if err != nil {
		b.Fatal(err)
	}
	big := &model.Book{Year: book.Year, Title: book.Title}
	for range 10 {
		big.Forms = append(big.Forms, book.Forms[:17]...)
	}
	var buf bytes.Buffer
	if err := model.EncodeJSON(&buf, big); err != nil {
		b.Fatal(err)
	}
	upload := file{"book-170.json", buf.Bytes()}
	ts := httptest.NewServer(newTestServer(b, Options{}))
	defer ts.Close()
	const clients = 20
	b.ReportAllocs()
	var peak uint64
	var size int
	for b.Loop() {
		peak = max(peak, peakheap.Of(func() {
			var wg sync.WaitGroup
			errs := make(chan error, clients)
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := post(b, ts.URL+"/api/binder", upload)
					r.RequestURI = ""
					resp, err := ts.Client().Do(r)
					if err != nil {
						errs <- err
						return
					}
					defer resp.Body.Close()
					n, err := io.Copy(io.Discard, resp.Body)
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
					if err != nil {
						errs <- err
						return
					}
					size = int(n)
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(size)/1e6, "pdf-MB")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}
