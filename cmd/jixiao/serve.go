package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"jixiao/msg"
	"jixiao/serve"
)

// serveFlags are the options of jixiao serve.
type serveFlags struct {
	addr      string
	open      bool
	maxUpload int64
	uploadMem int64
	timeout   time.Duration
	hosts     []string
	fonts     fontFlags
}

func (a *app) newServeCmd() *cobra.Command {
	t := a.p.T
	var sf serveFlags
	c := &cobra.Command{
		Use:   "serve " + t(msg.HelpFlagsWord),
		Short: t(msg.HelpServeShort),
		Long:  t(msg.HelpServeLong),
		Example: "  jixiao serve --open\n" +
			"  jixiao serve --addr 0.0.0.0:8080 --host jixiao.intranet",
		DisableFlagsInUseLine: true,
		Args:                  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			defaultGC(os.Getenv)
			return a.serve(c, &sf)
		},
	}
	f := c.Flags()
	f.StringVar(&sf.addr, "addr", serve.DefaultAddr, t(msg.FlagAddr))
	f.BoolVar(&sf.open, "open", false, t(msg.FlagOpen))
	f.Int64Var(&sf.maxUpload, "max-upload", serve.DefaultMaxUpload>>20, t(msg.FlagMaxUpload))
	f.Int64Var(&sf.uploadMem, "upload-memory", 0, t(msg.FlagUploadMem))
	f.DurationVar(&sf.timeout, "timeout", serve.DefaultTimeout, t(msg.FlagTimeout))
	f.StringArrayVar(&sf.hosts, "host", nil, t(msg.FlagHost))
	sf.fonts.register(f, a.p.Lang)
	return c
}

func (a *app) serve(c *cobra.Command, sf *serveFlags) error {
	ctx := c.Context()
	bad := func(name, value string) error { return usageProblem(badValue(c.Name(), c.Flags().Lookup(name), value)) }
	if sf.maxUpload < 1 {
		return bad("max-upload", fmt.Sprint(sf.maxUpload))
	}
	if sf.uploadMem < 0 {
		return bad("upload-memory", fmt.Sprint(sf.uploadMem))
	}
	if sf.uploadMem > 0 && sf.uploadMem < sf.maxUpload {
		// Below one upload, no upload could ever be read.
		return usageProblem(msg.New(msg.UploadMemLow, fmt.Sprint(sf.uploadMem), fmt.Sprint(sf.maxUpload)))
	}
	if sf.timeout <= 0 {
		return bad("timeout", c.Flags().Lookup("timeout").Value.String())
	}
	if err := checkAddr(sf.addr); err != nil {
		return usageProblem(err)
	}
	set, err := sf.fonts.set()
	if err != nil {
		return err
	}
	p := a.p
	s, err := serve.New(serve.Options{
		Addr: sf.addr, Hosts: sf.hosts, MaxUpload: sf.maxUpload << 20, UploadMemory: sf.uploadMem << 20, Timeout: sf.timeout,
		Fonts: set, Creator: "jixiao " + version, Lang: a.pageLang(),
		Log: func(format string, args ...any) {
			// The server's log, for the administrator, never the user's page.
			p.Info(msg.ServeLog, time.Now().Format("2006-01-02 15:04:05"), fmt.Sprintf(format, args...))
		},
	})
	if err != nil {
		return usageProblem(err)
	}
	// The first Ctrl-C ends ctx: the server stops taking requests and
	// lets those in progress finish; a second ends the process.
	if a.sig != nil {
		a.sig.patient.Store(true)
	}
	err = serve.Run(ctx, s, func(addr string) {
		url := "http://" + browserAddr(addr) + "/"
		p.Info(msg.ServeListening, msg.Raw(url))
		if sf.open {
			openBrowser(url, p)
		}
	})
	if lp := listenProblem(sf.addr, err); lp != nil {
		return usageProblem(lp)
	}
	if err != nil {
		return usageProblem(err)
	}
	p.Info(msg.ServeStopped)
	return nil
}

// checkAddr refuses an --addr that is not HOST:PORT with a port number
// (0 asks the system for a free port, as the tests do).
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	n, nerr := strconv.Atoi(port)
	if err != nil || nerr != nil || n < 0 || n > 65535 {
		return msg.New(msg.AddrBad, addr)
	}
	return nil
}

// listenProblem is why the server cannot listen on addr, said for the
// user (the port taken, most often by a jixiao already running), when err
// is a failure to listen; nil otherwise. Such a failure is the
// administrator's to fix, not the program's.
func listenProblem(addr string, err error) error {
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "listen" {
		return nil
	}
	var dns *net.DNSError
	switch {
	case hasErrno(err, syscall.EADDRINUSE, winAddrInUse):
		return msg.Wrap(err, msg.AddrInUse, addr)
	case hasErrno(err, syscall.EACCES, winAccess) || errors.Is(err, fs.ErrPermission):
		_, port, _ := net.SplitHostPort(addr)
		return msg.Wrap(err, msg.AddrNoPermission, addr, port)
	case hasErrno(err, syscall.EADDRNOTAVAIL, winAddrNotAvail):
		return msg.Wrap(err, msg.AddrNotHere, addr)
	case errors.As(err, &dns):
		return msg.Wrap(err, msg.AddrUnknownHost, addr, dns.Name)
	}
	reason := op.Err
	var se *os.SyscallError
	if errors.As(reason, &se) {
		reason = se.Err
	}
	return msg.Wrap(err, msg.AddrCannotListen, addr, msg.Reason(reason))
}

// The numbers Windows gives the errors of listening (WSAEADDRINUSE …),
// which its syscall package does not match to the POSIX ones.
const (
	winAccess       syscall.Errno = 10013
	winAddrInUse    syscall.Errno = 10048
	winAddrNotAvail syscall.Errno = 10049
)

// hasErrno reports whether err is the system error posix, or on Windows
// the error numbered win.
func hasErrno(err error, posix, win syscall.Errno) bool {
	if errors.Is(err, posix) {
		return true
	}
	var n syscall.Errno
	return runtime.GOOS == "windows" && errors.As(err, &n) && n == win
}

// pageLang is the page's language: Chinese, for the clerks who use it,
// unless another was asked for by name (--lang, JIXIAO_LANG); the
// terminal's locale, which is the administrator's, does not decide it.
func (a *app) pageLang() msg.Lang {
	v := ""
	if f := a.root.PersistentFlags().Lookup("lang"); f != nil && f.Changed {
		v = f.Value.String()
	} else {
		v = os.Getenv("JIXIAO_LANG")
	}
	if l, ok := msg.ParseLang(v); ok {
		return l
	}
	return msg.Chinese
}

// browserAddr is the address to open for a listening address: 127.0.0.1
// for every interface.
func browserAddr(a string) string {
	for _, any := range []string{"0.0.0.0:", "[::]:"} {
		if port, ok := strings.CutPrefix(a, any); ok {
			return "127.0.0.1:" + port
		}
	}
	return a
}

// openBrowser opens url in the user's browser, or says to open it.
func openBrowser(url string, p *msg.Printer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		p.Warn(msg.ServeNoBrowser, msg.Raw(url))
		return
	}
	go cmd.Wait()
}
