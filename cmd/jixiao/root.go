package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"jixiao/internal/editdist"
	"jixiao/internal/output"
	_ "jixiao/internal/prefault" // maps in at once what start-up touches
	"jixiao/msg"
	"jixiao/pipeline"
)

// The command line is built with cobra (github.com/spf13/cobra, as gh,
// hugo and kubectl are): help on stdout, "did you mean", shell completion,
// flags anywhere among the arguments, all kept as the README says.

// app is what every command shares: where messages go, in which language.
type app struct {
	p     *msg.Printer
	stdin io.Reader
	root  *cobra.Command
	start time.Time
	sig   *interrupts // nil when run without signals (tests)
	args  []string    // the command line, without the program's name
	// helpOut is standard output as cobra writes to it (help, usage,
	// completion scripts, --version), keeping the first failed write.
	helpOut *stickyWriter
}

// exitStatus ends a command with a status whose messages are printed.
type exitStatus int

func (e exitStatus) Error() string { return "exit status " + strconv.Itoa(int(e)) }

func main() {
	tuneGC(os.Getenv)
	sig := catchSignals()
	os.Exit(sig.exit(runSignals(sig, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)))
}

// run runs jixiao with args and returns the exit status: 0 done, 1 the
// input has problems, 2 usage or I/O errors, 3 an internal error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runSignals(nil, args, stdin, stdout, stderr)
}

// runSignals is run under the context of sig (none when nil): its
// cancellation stops the command.
func runSignals(sig *interrupts, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	p := &msg.Printer{Out: stdout, Err: stderr, Steps: &msg.Steps{}}
	defer func() {
		// No panic reaches a user: report it as an internal error.
		if r := recover(); r != nil {
			p.Cmd = ""
			p.Error(msg.InternalError, fmt.Sprint(r))
			code = 3
		}
	}()
	lang, err := msg.Detect(langArg(args), os.Getenv)
	p.Lang = lang
	if err != nil {
		p.Fail(err)
		return 2
	}
	a := &app{p: p, stdin: stdin, start: time.Now(), sig: sig, args: args}
	root := a.newRoot(args)
	root.SetArgs(args)

	// A mistyped command: say so, with the nearest names, before cobra
	// reads the flags of a command that does not exist.
	if c, rest, err := root.Find(args); err == nil && c == root {
		// (cobra's own __complete, used by the completion scripts, is added
		// when it runs.)
		// (A command's name found there follows a flag cobra took it as
		// the value of, --draft binder: cobra's own flag error says so.)
		pos := positional(root, rest)
		if named := positional(root, beforeDash(rest)); len(pos) > 0 && !strings.HasPrefix(pos[0], "__") &&
			!(len(named) > 0 && isCommand(root, named[0])) {
			p.Fail(unknownCommand(root, pos[0]))
			return 2
		}
	}
	ctx := context.Background()
	if sig != nil {
		ctx = sig.ctx
	}
	c, err := root.ExecuteContextC(ctx)
	if c != nil && c != root {
		p.Cmd = c.Name()
	}
	if e := a.helpOut.err; e != nil && (err == nil || errors.Is(err, e)) {
		// The help or a completion script could not be written (a full
		// disk): an I/O error, said as one, whatever printed it.
		p.Fail(msg.Wrap(e, msg.StdoutFailed, output.Reason(e)))
		return 2
	}
	return a.status(err)
}

// status prints err (if it has not been printed) and returns its exit
// status.
func (a *app) status(err error) int {
	var es exitStatus
	var pe *pipeline.Error
	switch {
	case err == nil:
		return 0
	case a.sig.status() != 0 && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		return a.sig.status() // stopped by a signal: nothing to say
	case errors.As(err, &es):
		return int(es)
	case errors.As(err, &pe):
		a.p.Fail(pe)
		if pe.Kind == pipeline.BadInput {
			return 1
		}
		return 2
	}
	a.p.Fail(err)
	return 2
}

// langArg is the value of --lang among args, "" if not given; it is read
// before the flags are parsed, so that flag errors are told in it.
func langArg(args []string) string {
	for i, s := range args {
		switch {
		case s == "--":
			return ""
		case s == "--lang" && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(s, "--lang="):
			return s[len("--lang="):]
		}
	}
	return ""
}

// positional returns the arguments of args that are not flags of c (nor
// their values): its own, and those it has from its parents (before cobra
// has merged them into its flags).
func positional(c *cobra.Command, args []string) []string {
	var out []string
	sets := []*pflag.FlagSet{c.Flags(), c.PersistentFlags(), c.InheritedFlags()}
	for i := 0; i < len(args); i++ {
		s := args[i]
		if s == "--" {
			return append(out, args[i+1:]...)
		}
		if len(s) < 2 || s[0] != '-' {
			out = append(out, s)
			continue
		}
		name := strings.TrimLeft(s, "-")
		if strings.Contains(name, "=") {
			continue
		}
		var f *pflag.Flag
		for _, fs := range sets {
			if f == nil && strings.HasPrefix(s, "--") {
				f = fs.Lookup(name)
			} else if f == nil && len(name) == 1 {
				f = fs.ShorthandLookup(name)
			}
		}
		if f != nil && f.NoOptDefVal == "" {
			i++ // the flag's value
		}
	}
	return out
}

// beforeDash is args up to --: cobra runs no command named after it.
func beforeDash(args []string) []string {
	if i := slices.Index(args, "--"); i >= 0 {
		return args[:i]
	}
	return args
}

// isCommand reports whether name is a command of root.
func isCommand(root *cobra.Command, name string) bool {
	for _, c := range root.Commands() {
		if c.Name() == name {
			return true
		}
	}
	return false
}

func unknownCommand(root *cobra.Command, name string) error {
	errs := []error{msg.New(msg.UnknownCommand, name)}
	if s := root.SuggestionsFor(name); len(s) > 0 {
		errs = append(errs, msg.New(msg.DidYouMean, msg.Plain(s...)))
	}
	errs = append(errs, msg.New(msg.SeeHelp, msg.Raw(root.CommandPath())))
	return errors.Join(errs...)
}

// oneCommand lets newRoot make only the command that runs (a test turns it
// off, to compare).
var oneCommand = true

// newRoot builds the command tree in the printer's language, for the
// command line args. When args name one of jixiao's commands, only that
// command is made (the tree of all of them, help and completion included,
// takes a millisecond of a command's start); any other command line (help,
// completion, a name mistyped, no command) gets the whole tree, from
// which cobra's help, completion and suggestions come.
func (a *app) newRoot(args []string) *cobra.Command {
	if oneCommand {
		if root := a.oneCommandRoot(args); root != nil {
			return root
		}
	}
	root := a.baseRoot()
	for _, c := range a.commands() {
		root.AddCommand(c.make())
	}
	return a.wholeRoot(root)
}

// oneCommandRoot is the tree of the one command args run (their first
// word that is not a flag, as cobra reads them), nil when args run none
// of jixiao's commands.
func (a *app) oneCommandRoot(args []string) *cobra.Command {
	root := a.baseRoot()
	pos := positional(root, beforeDash(args))
	if len(pos) == 0 {
		return nil
	}
	for _, c := range a.commands() {
		if c.name != pos[0] {
			continue
		}
		root.AddCommand(c.make())
		// cobra finds the command its own way (a flag it does not know
		// takes the next word as its value): the tree of one command is
		// used only where cobra finds that command in it.
		if found, _, err := root.Find(args); err != nil || found == root {
			return nil
		}
		root.CompletionOptions.DisableDefaultCmd = true
		a.localize(root)
		root.SetFlagErrorFunc(a.flagError)
		return root
	}
	return nil
}

// command is one of jixiao's commands and how it is made.
type command struct {
	name string
	make func() *cobra.Command
}

// commands are jixiao's commands.
func (a *app) commands() []command {
	return []command{
		{"render", a.newRenderCmd}, {"binder", a.newBinderCmd}, {"serve", a.newServeCmd}, {"validate", a.newValidateCmd},
		{"import", a.newImportCmd}, {"preview", a.newPreviewCmd}, {"template", a.newTemplateCmd}, {"export", a.newExportCmd},
		{"version", a.newVersionCmd},
	}
}

// baseRoot is the root command without its commands: its flags, its
// help, what it does before and after each command.
func (a *app) baseRoot() *cobra.Command {
	t := a.p.T
	cobra.MousetrapHelpText = "" // a double click is handled below: serve, or help and a wait
	root := &cobra.Command{
		Use:   "jixiao " + t(msg.HelpFlagsWord),
		Short: t(msg.HelpRootShort),
		Long:  t(msg.HelpRootLong),
		Example: "  jixiao render examples/jiangyin-2024.json --form 4 -o form4.pdf\n" +
			"  jixiao binder examples/jiangyin-2024.json -o binder.pdf\n" +
			"  jixiao validate book.json",
		SilenceErrors:              true,
		SuggestionsMinimumDistance: 2,
		DisableFlagsInUseLine:      true,
		SilenceUsage:               true,
		DisableAutoGenTag:          true,
		Version:                    versionString(a.p.Lang),
		Args:                       cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(c, args[0])
			}
			if ownConsole() {
				return a.doubleClick(c)
			}
			// jixiao alone, typed at a prompt: the help, as a usage error.
			c.SetOut(a.p.Err)
			c.Help()
			return exitStatus(2)
		},
	}
	a.root = root
	// Before the completion command is made: it keeps the writer.
	root.SetIn(a.stdin)
	a.helpOut = &stickyWriter{w: a.p.Out}
	root.SetOut(a.helpOut)
	root.SetErr(a.p.Err)
	pf := root.PersistentFlags()
	pf.String("lang", "", t(msg.FlagLang))
	pf.BoolP("quiet", "q", false, t(msg.FlagQuiet))
	pf.BoolP("verbose", "v", false, t(msg.FlagVerbose))
	root.RegisterFlagCompletionFunc("lang", fixedCompletions("zh", "en"))
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		a.p.Cmd = c.Name()
		a.p.Quiet, _ = c.Flags().GetBool("quiet")
		a.p.Verbose, _ = c.Flags().GetBool("verbose")
		if a.p.Quiet && a.p.Verbose {
			return usageProblem(msg.New(msg.QuietVerbose))
		}
		if a.sig != nil && readsBooks[c.Name()] { // a process of its own
			adviseHugePages(os.Getenv)
		}
		return nil
	}
	root.PersistentPostRun = func(c *cobra.Command, _ []string) {
		a.p.Timing(time.Since(a.start))
	}

	return root
}

// wholeRoot gives root, which holds every command, the help and
// completion commands, in the user's language.
func (a *app) wholeRoot(root *cobra.Command) *cobra.Command {
	t := a.p.T
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: t(msg.HelpHelpShort),
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || target == nil || len(positional(target, rest)) > 0 {
				name := strings.Join(args, " ")
				return usageProblem(unknownCommand(root, name))
			}
			return target.Help()
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var names []cobra.Completion
			for _, sub := range root.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name())
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	a.localize(root)
	root.SetFlagErrorFunc(a.flagError)
	return root
}

// localize sets what cobra would say in English in the user's language:
// the help and completion commands, the -h and --version flags, the help
// layout; and makes each single-value flag refuse to be given twice.
func (a *app) localize(root *cobra.Command) {
	t := a.p.T
	root.SetUsageTemplate(usageTemplate(a.p.Lang))
	root.SetVersionTemplate("{{.Version}}\n")
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		switch {
		case c.Name() == "help" && c.Parent() == root:
			c.Short, c.Long = t(msg.HelpHelpShort), t(msg.HelpHelpShort)
		case c.Name() == "completion" && c.Parent() == root:
			c.Short, c.Long = t(msg.HelpCompletionShort), t(msg.HelpCompletionLong)
			c.Example = "  jixiao completion bash > /etc/bash_completion.d/jixiao\n  jixiao completion powershell >> $PROFILE"
			// A shell it has no script for is a usage error (cobra would
			// print the help and succeed).
			c.Args = cobra.ArbitraryArgs
			c.RunE = func(c *cobra.Command, args []string) error {
				if len(args) > 0 {
					return usageProblem(unknownCommand(c, args[0]))
				}
				return c.Help()
			}
		case c.Parent() != nil && c.Parent().Name() == "completion":
			c.Short = t(msg.HelpCompletionShell, c.Name())
			c.Long = c.Short
		}
		if c.Flags().Lookup("help") == nil {
			c.Flags().BoolP("help", "h", false, t(msg.FlagHelp))
		}
		c.Version = root.Version
		if c.Flags().Lookup("version") == nil {
			c.Flags().Bool("version", false, t(msg.FlagVersion))
		}
		for _, fs := range []*pflag.FlagSet{c.LocalNonPersistentFlags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) { onlyOnce(c, f) })
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// onlyOnce makes a flag that takes one value an error when given twice
// (--form 1 --form 2: which one was meant?).
func onlyOnce(c *cobra.Command, f *pflag.Flag) {
	switch f.Value.Type() {
	case "bool", "stringArray", "stringSlice", "count", "once":
		return
	}
	f.Value = &onceValue{Value: f.Value}
}

// onceValue is a flag value that can be set once: given again, only to
// the same value (which cobra's completion does, parsing the command line
// twice).
type onceValue struct {
	pflag.Value
	set   bool
	first string
}

// errRepeated is what onceValue.Set returns for a second value; flagError
// tells it as FlagRepeated.
var errRepeated = repeatedError{}

type repeatedError struct{}

func (repeatedError) Error() string { return msg.English.Text(msg.FlagRepeated, "") }

func (o *onceValue) Set(s string) error {
	switch {
	case o.set && s == o.first:
		return nil
	case o.set:
		return errRepeated
	}
	o.set, o.first = true, s
	return o.Value.Set(s)
}

func (o *onceValue) Type() string { return o.Value.Type() }

// flagError tells a flag error in the user's language, naming the
// command and the flag.
func (a *app) flagError(c *cobra.Command, err error) error {
	if c.HasParent() {
		a.p.Cmd = c.Name()
	}
	var ne *pflag.NotExistError
	var vr *pflag.ValueRequiredError
	var iv *pflag.InvalidValueError
	var is *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &ne):
		name := "--" + ne.GetSpecifiedName()
		if sh := ne.GetSpecifiedShortnames(); sh != "" {
			name = "-" + sh
			// -form written for --form: say which was meant.
			if long := strings.TrimPrefix(sh, "-"); len(long) > 1 && c.Flags().Lookup(long) != nil {
				return usageProblem(msg.New(msg.UnknownFlag, name), msg.New(msg.DidYouMean, "--"+long))
			}
		}
		errs := []error{msg.New(msg.UnknownFlag, name)}
		if pos := positional(c, beforeDash(a.args)); !c.HasParent() && len(pos) > 0 && isCommand(c, pos[0]) {
			// jixiao --draft binder …: a flag of the command before its
			// name (cobra took the name for the flag's value).
			return usageProblem(append(errs, msg.New(msg.FlagAfterCommand, pos[0], name))...)
		}
		if s := nearestFlag(c, strings.TrimLeft(name, "-")); s != "" {
			errs = append(errs, msg.New(msg.DidYouMean, "--"+s))
		}
		errs = append(errs, msg.New(msg.SeeHelp, msg.Raw(c.CommandPath())))
		return usageProblem(errs...)
	case errors.As(err, &vr):
		return usageProblem(msg.New(msg.FlagNeedsValue, "--"+vr.GetFlag().Name))
	case errors.As(err, &iv):
		name := "--" + iv.GetFlag().Name
		if errors.Is(err, errRepeated) {
			return usageProblem(msg.New(msg.FlagRepeated, name))
		}
		return usageProblem(badValue(c.Name(), iv.GetFlag(), iv.GetValue()))
	case errors.As(err, &is):
		return usageProblem(msg.New(msg.UnknownFlag, is.GetSpecifiedFlag()))
	}
	return usageProblem(err)
}

// flagWants says what the value of a flag of a number or a time must be,
// by the flag's name (and, where the commands differ, "command --flag").
var flagWants = map[string]msg.Code{
	"form": msg.WantFormNumber, "binder form": msg.WantFormList, "year": msg.WantYear,
	"max-upload": msg.WantMaxUpload, "upload-memory": msg.WantUploadMemory, "timeout": msg.WantDuration,
	"workers": msg.WantWorkers, "dpi": msg.WantDPI,
}

// badValue is the message of a value the flag f of command cmd refuses:
// what was given, and what is expected.
func badValue(cmd string, f *pflag.Flag, value string) error {
	want, ok := flagWants[cmd+" "+f.Name]
	if !ok {
		want, ok = flagWants[f.Name]
	}
	if !ok && f.Value.Type() == "bool" {
		want, ok = msg.WantBool, true
	}
	if !ok {
		return msg.New(msg.FlagBadValue, value, "--"+f.Name)
	}
	return msg.New(msg.FlagBadValueWant, value, "--"+f.Name, msg.New(want))
}

// nearestFlag is the flag of c closest to name, "" when none is close.
func nearestFlag(c *cobra.Command, name string) string {
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if best := editdist.Nearest(name, names, 1); len(best) > 0 {
		return best[0]
	}
	return ""
}

// doubleClick is jixiao started from Explorer, with a console of its
// own that closes when it ends: the web page if there is one, else the
// help, kept on the screen until Enter is pressed.
func (a *app) doubleClick(root *cobra.Command) error {
	if serve, _, err := root.Find([]string{"serve"}); err == nil && serve != root && serve.RunE != nil {
		a.p.Cmd = serve.Name()
		if f := serve.Flags().Lookup("open"); f != nil {
			if err := f.Value.Set("true"); err != nil {
				return err
			}
		}
		serve.SetContext(root.Context())
		return serve.RunE(serve, nil)
	}
	root.Help()
	fmt.Fprintln(a.p.Out)
	fmt.Fprint(a.p.Out, a.p.T(msg.PressEnter))
	bufio.NewReader(a.stdin).ReadString('\n')
	return nil
}

// versionString is what --version prints: the version, and the commit and
// its date when built by scripts/release.
func versionString(l msg.Lang) string {
	if commit == "" {
		return "jixiao " + version
	}
	return l.Text(msg.Version, msg.Raw(version), msg.Raw(commit), msg.Raw(date))
}

func (a *app) newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: a.p.T(msg.HelpVersionShort),
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if _, err := fmt.Fprintln(a.p.Out, versionString(a.p.Lang)); err != nil {
				return usageProblem(msg.Wrap(err, msg.StdoutFailed, output.Reason(err)))
			}
			return nil
		},
	}
}

// fixedCompletions completes a flag's value from a list.
func fixedCompletions(vals ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return vals, cobra.ShellCompDirectiveNoFileComp
	}
}

// usageTemplate is cobra's help layout with its headings in l.
func usageTemplate(l msg.Lang) string {
	r := strings.NewReplacer(
		"Usage:", l.Text(msg.HelpUsage),
		"Aliases:", l.Text(msg.HelpAliases),
		"Examples:", l.Text(msg.HelpExamples),
		"Available Commands:", l.Text(msg.HelpCommands),
		"Global Flags:", l.Text(msg.HelpGlobalFlags),
		"Flags:", l.Text(msg.HelpFlags),
		"[command]", l.Text(msg.HelpCommandWord),
		`Use "{{.CommandPath}} [command] --help" for more information about a command.`, l.Text(msg.HelpMore, msg.Raw("{{.CommandPath}}")),
	)
	// pflag writes "(default …)" after a flag's usage: in the user's
	// language too.
	cobra.AddTemplateFunc("jixiaoDefaults", func(s string) string {
		re := defaultRE()
		return re.ReplaceAllStringFunc(s, func(m string) string {
			sub := re.FindStringSubmatch(m)
			space, v := sub[1], sub[2]
			if l == msg.Chinese {
				// 不收紧（默认：on）: no space before a full-width
				// bracket, and no value in ASCII quotes.
				space = ""
				if u, err := strconv.Unquote(v); err == nil {
					v = u
				}
			}
			return space + l.Text(msg.HelpDefault, msg.Raw(v))
		})
	})
	return r.Replace(cobraUsageTemplate)
}

// defaultRE finds pflag's "(default …)"; compiled when a help is printed.
var defaultRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)( ?)\(default (.*)\)$`) })

// cobraUsageTemplate is cobra's default usage template (v1.10), without
// the parts jixiao does not use (groups, help topics).
const cobraUsageTemplate = `Usage:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Available Commands:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces | jixiaoDefaults}}{{end}}{{if .HasAvailableInheritedFlags}}

Global Flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces | jixiaoDefaults}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}
`
