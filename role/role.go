// Package role names the typographic roles of a form's text: 宋体 for body
// text, 黑体 for titles. Layout gives every run of text a role (layout.Role
// is this type); package fonts maps each role to a font (fonts.Set) and so
// answers layout's Measurer without either package importing the other.
package role

// Role is the typographic role of a run of text; a font set maps it to a
// face.
type Role uint8

const (
	Body  Role = iota // 宋体 role: all body text
	Title             // 黑体 role: titles and headings
)

func (r Role) String() string {
	if r == Title {
		return "title"
	}
	return "body"
}
