package render

import (
	"os"
	"runtime"
	"runtime/pprof"
)

func heapDebug() {
	p := os.Getenv("RF_HEAP")
	if p == "" {
		return
	}
	runtime.GC()
	f, _ := os.Create(p)
	pprof.Lookup("heap").WriteTo(f, 0)
	f.Close()
}

func heapDebug2(objs, elems int) {
	p := os.Getenv("RF_HEAP2")
	if p == "" {
		return
	}
	println("objects", objs, "elements", elems)
	runtime.GC()
	f, _ := os.Create(p)
	pprof.Lookup("heap").WriteTo(f, 0)
	f.Close()
}
