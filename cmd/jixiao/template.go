package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"

	"jixiao/model/xlsx"
	"jixiao/msg"
)

// newTemplateCmd is jixiao template [-o FILE.xlsx] [--year N].
func (a *app) newTemplateCmd() *cobra.Command {
	t := a.p.T
	out := "绩效目标表模板.xlsx"
	var year int
	c := &cobra.Command{
		Use:   "template [-o 绩效目标表模板.xlsx] [--year YEAR]",
		Short: t(msg.HelpTemplateShort),
		Long:  t(msg.HelpTemplateLong),
		Example: "  jixiao template\n" +
			"  jixiao template --year 2025 -o 2025年绩效目标表.xlsx",
		DisableFlagsInUseLine: true,
		Args:                  a.noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if year != 0 && (year < 1900 || year > 2200) {
				return usageProblem(msg.New(msg.TemplateYear, year))
			}
			if !c.Flags().Changed("output") {
				// The default name is the one a clerk fills in: never
				// replaced unless asked for by name.
				if _, err := os.Lstat(out); err == nil {
					return usageProblem(msg.New(msg.TemplateExists, out))
				}
			}
			if err := checkOutput(out, nil); err != nil {
				return usageProblem(err)
			}
			if err := checkOutputExt(out, ".xlsx", msg.KindXLSX); err != nil {
				return usageProblem(err)
			}
			if err := writeOutput(out, a.p.Out, func(w io.Writer) error { return xlsx.Template(w, year) }); err != nil {
				return usageProblem(err)
			}
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", out, t(msg.FlagTemplateOut))
	c.Flags().IntVar(&year, "year", 0, t(msg.FlagYear))
	return c
}
