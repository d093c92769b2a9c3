package mail

import (
	"strings"
)

// StripQuoted returns text without the quoted history a mail client adds to
// a reply and without a trailing signature. It removes:
//
//   - lines starting with ">" (leading blanks allowed);
//   - everything from an attribution line "On … wrote:" (Gmail, Apple Mail,
//     Thunderbird; the line may be wrapped over up to three lines), or its
//     French and German forms "Le … a écrit :" and "Am … schrieb …:";
//   - everything from "-----Original Message-----" (any case, with or
//     without inner spaces);
//   - everything from an Outlook header block: a "From:" line followed
//     within three lines by "Sent:" or "Date:", together with the
//     "________" rule above it;
//   - everything from a signature separator line "-- " (or "--").
//
// Forwarded messages are kept: their content is usually what the customer
// wants support to read. Text is expected with LF line ends.
func StripQuoted(text string) string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
scan:
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r")
		t := strings.TrimSpace(line)
		switch {
		case line == "-- " || line == "--":
			break scan
		case strings.HasPrefix(t, ">"):
			continue
		case isOriginalMessage(t):
			break scan
		case isOutlookHeader(lines, i):
			break scan
		case isAttribution(lines, i):
			break scan
		}
		out = append(out, line)
	}
	// Drop trailing blank lines and Outlook's "____" rule.
	for len(out) > 0 {
		t := strings.TrimSpace(out[len(out)-1])
		if t != "" && strings.Trim(t, "_") != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func isOriginalMessage(t string) bool {
	if !strings.HasPrefix(t, "---") {
		return false
	}
	core := strings.ToLower(strings.Join(strings.Fields(strings.Trim(t, "- ")), " "))
	return core == "original message" || core == "ursprüngliche nachricht" || core == "message d'origine"
}

func isOutlookHeader(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	t = strings.TrimLeft(t, "*") // HTML bold rendered as *From:*
	if !strings.HasPrefix(t, "From:") {
		return false
	}
	for j := i + 1; j < len(lines) && j <= i+3; j++ {
		n := strings.TrimLeft(strings.TrimSpace(lines[j]), "*")
		if strings.HasPrefix(n, "Sent:") || strings.HasPrefix(n, "Date:") {
			return true
		}
	}
	return false
}

// isAttribution reports whether an attribution line ("On … wrote:") starts
// at lines[i], joining up to three lines as clients wrap long ones.
func isAttribution(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	if !(strings.HasPrefix(t, "On ") || strings.HasPrefix(t, "Le ") || strings.HasPrefix(t, "Am ")) {
		return false
	}
	joined := t
	for j := i; j < len(lines) && j < i+3; j++ {
		if j > i {
			joined += " " + strings.TrimSpace(lines[j])
		}
		if len(joined) > 400 {
			return false
		}
		if isAttributionText(joined) {
			return true
		}
	}
	return false
}

func isAttributionText(s string) bool {
	switch {
	case strings.HasPrefix(s, "On "):
		return strings.HasSuffix(s, "wrote:")
	case strings.HasPrefix(s, "Le "):
		return strings.HasSuffix(s, "a écrit :") || strings.HasSuffix(s, "a écrit:")
	case strings.HasPrefix(s, "Am "):
		return strings.Contains(s, "schrieb") && strings.HasSuffix(s, ":")
	}
	return false
}
