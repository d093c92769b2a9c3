package proofdesk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// PolicyDocument is the file and API form of a Policy: each entry maps a
// data class, an action or a custom attribute to "L0", "L1" or "L2".
// Entries left out take their defaults; attributes left out are L1.
//
//	classes:    {address: L1, payment: L2}
//	actions:    {send_password_reset: L1}
//	attributes: {account_number: L2}
type PolicyDocument struct {
	Classes    map[string]string `json:"classes" yaml:"classes"`
	Actions    map[string]string `json:"actions" yaml:"actions"`
	Attributes map[string]string `json:"attributes" yaml:"attributes"`
}

// NewPolicyDocument returns the document form of p, every entry spelled
// out.
func NewPolicyDocument(p *Policy) PolicyDocument {
	d := PolicyDocument{Classes: map[string]string{}, Actions: map[string]string{}, Attributes: map[string]string{}}
	def := DefaultPolicy()
	for k := range def.Classes {
		d.Classes[k] = p.ClassLevel(k).String()
	}
	for k := range def.Actions {
		d.Actions[k] = p.ActionLevel(k).String()
	}
	for k, l := range p.Classes {
		d.Classes[k] = l.String()
	}
	for k, l := range p.Actions {
		d.Actions[k] = l.String()
	}
	for k, l := range p.Attributes {
		d.Attributes[k] = l.String()
	}
	return d
}

// Policy returns the policy the document describes: the defaults with
// the document's entries over them, validated. Errors are EINVALID and
// name the entry at fault, such as "classes.payment".
func (d PolicyDocument) Policy() (*Policy, error) {
	p := DefaultPolicy()
	sections := []struct {
		name string
		in   map[string]string
		out  map[string]Level
	}{
		{"classes", d.Classes, p.Classes},
		{"actions", d.Actions, p.Actions},
		{"attributes", d.Attributes, p.Attributes},
	}
	for _, s := range sections {
		keys := make([]string, 0, len(s.in))
		for k := range s.in {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			field := s.name + "." + k
			l, err := ParseLevel(s.in[k])
			if err != nil {
				return nil, FieldError(field, "%s: unknown level %q: use L0, L1 or L2", field, s.in[k])
			}
			s.out[k] = l
		}
	}
	if err := p.Validate(); err != nil {
		var e *Error
		if errors.As(err, &e) && e.Field != "" && !strings.HasPrefix(e.Message, e.Field) {
			return nil, &Error{Code: e.Code, Field: e.Field, Message: e.Field + ": " + e.Message}
		}
		return nil, err
	}
	return p, nil
}

// ParsePolicyFile parses a policy file for `serve --policy FILE`: YAML
// for a name ending in .yaml or .yml, JSON for .json, in the shape of
// PolicyDocument. Unknown keys, duplicate keys, unknown classes, actions
// or levels and levels below a hard floor are refused with an EINVALID
// error that names the file and the entry.
func ParsePolicyFile(data []byte, name string) (*Policy, error) {
	base := filepath.Base(name)
	fail := func(field, format string, args ...any) error {
		return &Error{Code: EINVALID, Field: field, Message: base + ": " + fmt.Sprintf(format, args...)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail("", "the policy file is empty")
	}
	var d PolicyDocument
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&d); err != nil {
			if errors.Is(err, io.EOF) {
				return nil, fail("", "the policy file is empty")
			}
			return nil, fail("", "%s", strings.TrimPrefix(err.Error(), "yaml: "))
		}
		var extra any
		if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
			return nil, fail("", "the policy file must hold a single YAML document")
		}
	case ".json":
		if err := checkJSONDuplicates(data); err != nil {
			return nil, fail("", "%s", err.Error())
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			return nil, fail("", "%s", jsonPolicyError(err))
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return nil, fail("", "the policy file must hold a single JSON object")
		}
	default:
		return nil, fail("", "unknown policy file type %q: use .yaml, .yml or .json", filepath.Ext(name))
	}
	p, err := d.Policy()
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, fail(e.Field, "%s", e.Message)
		}
		return nil, err
	}
	return p, nil
}

func jsonPolicyError(err error) string {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return "the policy must be a JSON object"
		}
		if strings.Contains(typ.Field, ".") {
			return fmt.Sprintf(`%s must be a level such as "L1"`, typ.Field)
		}
		return fmt.Sprintf("%s must be an object of levels", typ.Field)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "malformed JSON: the file ends too early"
	}
	if n, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "unknown key " + n + ": use classes, actions and attributes"
	}
	return "malformed JSON"
}

// checkJSONDuplicates refuses an object with a key twice, which JSON
// decoders would otherwise settle silently by keeping the last.
func checkJSONDuplicates(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func(path string) error
	walk = func(path string) error {
		tok, err := dec.Token()
		if err != nil {
			return errors.New("malformed JSON")
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return errors.New("malformed JSON")
				}
				k, _ := kt.(string)
				p := k
				if path != "" {
					p = path + "." + k
				}
				if seen[k] {
					return fmt.Errorf("%s is given twice", p)
				}
				seen[k] = true
				if err := walk(p); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for dec.More() {
				if err := walk(path); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		if err != nil {
			return errors.New("malformed JSON")
		}
		return nil
	}
	return walk("")
}
