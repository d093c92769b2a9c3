package proofdesk_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
)

func TestParsePolicyFile(t *testing.T) {
	t.Parallel()
	yamlOK := "classes:\n  orders: L2\n  date_of_birth: l2\nactions:\n  send_password_reset: L2\nattributes:\n  account_number: L2\n  loyalty_id: L0\n"
	jsonOK := `{"classes":{"orders":"L2","date_of_birth":"L2"},"actions":{"send_password_reset":"L2"},"attributes":{"account_number":"L2","loyalty_id":"L0"}}`
	want := proofdesk.DefaultPolicy()
	want.Classes[proofdesk.ClassOrders] = proofdesk.L2
	want.Classes[proofdesk.ClassDateOfBirth] = proofdesk.L2
	want.Actions[proofdesk.ActionSendPasswordReset] = proofdesk.L2
	want.Attributes["account_number"] = proofdesk.L2
	want.Attributes["loyalty_id"] = proofdesk.L0
	for _, tt := range []struct{ name, file, data string }{
		{"yaml", "policy.yaml", yamlOK},
		{"yml", "/etc/proofdesk/policy.YML", yamlOK},
		{"json", "policy.json", jsonOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := proofdesk.ParsePolicyFile([]byte(tt.data), tt.file)
			if err != nil {
				t.Fatalf("ParsePolicyFile: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("policy (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("partial keeps defaults", func(t *testing.T) {
		got, err := proofdesk.ParsePolicyFile([]byte("attributes:\n  plan: L0\n"), "p.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if got.ClassLevel(proofdesk.ClassAddress) != proofdesk.L1 || got.ClassLevel(proofdesk.ClassPayment) != proofdesk.L2 || got.AttributeLevel("other") != proofdesk.L1 {
			t.Fatalf("defaults lost: %+v", got)
		}
	})
}

func TestParsePolicyFile_Refused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, data string
		field            string // the entry the error must name; "" for file-level errors
		msg              string // a fragment of the message
	}{
		{"unknown class yaml", "p.yaml", "classes:\n  shoe_size: L1\n", "classes.shoe_size", `unknown data class "shoe_size"`},
		{"unknown class json", "p.json", `{"classes":{"shoe_size":"L1"}}`, "classes.shoe_size", `unknown data class`},
		{"unknown action", "p.yaml", "actions:\n  delete_account: L2\n", "actions.delete_account", `unknown action "delete_account"`},
		{"unknown level", "p.yaml", "classes:\n  email: L3\n", "classes.email", `unknown level "L3"`},
		{"numeric level", "p.yaml", "classes:\n  email: 1\n", "classes.email", `unknown level "1"`},
		{"empty level", "p.yaml", "classes:\n  email:\n", "classes.email", `unknown level ""`},
		{"payment below floor", "p.json", `{"classes":{"payment":"L1"}}`, "classes.payment", "below the hard floor L2"},
		{"address below floor", "p.yaml", "classes:\n  address: L0\n", "classes.address", "below the hard floor L1"},
		{"email below floor", "p.yaml", "classes:\n  email: L0\n", "classes.email", "below the hard floor L1"},
		{"phone below floor", "p.yaml", "classes:\n  phone: L0\n", "classes.phone", "below the hard floor L1"},
		{"change action below floor", "p.yaml", "actions:\n  change_email: L1\n", "actions.change_email", "below the hard floor L2"},
		{"remove lock below floor", "p.yaml", "actions:\n  remove_support_lock: L0\n", "actions.remove_support_lock", "below the hard floor L2"},
		{"bad attribute name", "p.yaml", "attributes:\n  Account-Number: L2\n", "attributes.Account-Number", "lowercase"},
		{"attribute bad level", "p.json", `{"attributes":{"account_number":"high"}}`, "attributes.account_number", `unknown level "high"`},
		{"unknown top key yaml", "p.yaml", "classes: {}\ndefaults: L1\n", "", "defaults"},
		{"unknown top key json", "p.json", `{"classes":{},"defaults":"L1"}`, "", `unknown key "defaults"`},
		{"duplicate key yaml", "p.yaml", "classes:\n  payment: L2\n  payment: L0\n", "", "payment"},
		{"duplicate key json", "p.json", `{"classes":{"payment":"L2","payment":"L0"}}`, "", "classes.payment is given twice"},
		{"two yaml documents", "p.yaml", "classes: {}\n---\nclasses: {}\n", "", "single YAML document"},
		{"two json values", "p.json", `{} {}`, "", "single JSON object"},
		{"malformed json", "p.json", `{"classes":`, "", "malformed JSON"},
		{"wrong type json", "p.json", `{"classes":["email"]}`, "", "classes must be an object of levels"},
		{"empty", "p.yaml", " \n", "", "empty"},
		{"unknown extension", "p.toml", "classes = {}", "", `unknown policy file type ".toml"`},
		{"yaml list", "p.yaml", "- a\n- b\n", "", "p.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := proofdesk.ParsePolicyFile([]byte(tt.data), "/etc/pd/"+tt.file)
			if err == nil {
				t.Fatalf("ParsePolicyFile accepted %q: %+v", tt.data, p)
			}
			if code := proofdesk.ErrorCode(err); code != proofdesk.EINVALID {
				t.Fatalf("code=%s, want %s (%v)", code, proofdesk.EINVALID, err)
			}
			msg := proofdesk.ErrorMessage(err)
			if !strings.HasPrefix(msg, tt.file+": ") {
				t.Errorf("message %q does not start with the file name %q", msg, tt.file)
			}
			if !strings.Contains(msg, tt.msg) {
				t.Errorf("message %q lacks %q", msg, tt.msg)
			}
			if tt.field != "" {
				var e *proofdesk.Error
				if !asError(err, &e) || e.Field != tt.field || !strings.Contains(msg, tt.field) {
					t.Errorf("error %q does not name %q", msg, tt.field)
				}
			}
		})
	}
}

func asError(err error, e **proofdesk.Error) bool {
	pe, ok := err.(*proofdesk.Error)
	*e = pe
	return ok
}

func TestPolicyDocument_RoundTrip(t *testing.T) {
	t.Parallel()
	p := proofdesk.DefaultPolicy()
	p.Classes[proofdesk.ClassOrders] = proofdesk.L2
	p.Attributes["account_number"] = proofdesk.L2
	d := proofdesk.NewPolicyDocument(p)
	if d.Classes["payment"] != "L2" || d.Classes["orders"] != "L2" || d.Actions["remove_support_lock"] != "L2" || d.Attributes["account_number"] != "L2" {
		t.Fatalf("document = %+v", d)
	}
	got, err := d.Policy()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
}
