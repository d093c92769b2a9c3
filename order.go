package proofdesk

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Order is an order the business's system of record pushed for a
// customer (issue 14: "where is my parcel going?"). It is stored sealed
// under the customer's data key. Agents see it through the one view
// (NewCustomerView): number, status, items, dates and carrier by the
// policy's orders class; the shipping address and the tracking number by
// the address class (L1 at least). The guard protects the number (orders
// class), the tracking number and the shipping address (address class).
type Order struct {
	Number          string      `json:"number"`
	Status          string      `json:"status"`
	Items           []OrderItem `json:"items"`
	PlacedAt        *time.Time  `json:"placed_at,omitempty"`
	ShippingAddress *Address    `json:"shipping_address,omitempty"`
	TrackingNumber  string      `json:"tracking_number,omitempty"`
	Carrier         string      `json:"carrier,omitempty"`
	UpdatedAt       time.Time   `json:"updated_at"`
}

// OrderItem is one line of an order.
type OrderItem struct {
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
}

// Order statuses.
var orderStatuses = []string{"placed", "paid", "processing", "shipped", "delivered", "cancelled", "returned"}

// MaxOrdersShown is how many orders (newest first) a customer carries.
const MaxOrdersShown = 20

// Validate trims o and returns EINVALID naming the first bad field.
func (o *Order) Validate() error {
	o.Number, o.Status = strings.TrimSpace(o.Number), strings.ToLower(strings.TrimSpace(o.Status))
	o.TrackingNumber, o.Carrier = strings.TrimSpace(o.TrackingNumber), strings.TrimSpace(o.Carrier)
	switch {
	case o.Number == "" || len(o.Number) > 64 || !utf8.ValidString(o.Number) || strings.ContainsAny(o.Number, "\r\n\t"):
		return FieldError("number", "number: the order number is required (at most 64 characters)")
	case !oneOf(o.Status, orderStatuses...):
		return FieldError("status", "status must be one of %s", strings.Join(orderStatuses, ", "))
	case len(o.Items) > 100:
		return FieldError("items", "items: at most 100 lines")
	case len(o.TrackingNumber) > 64 || strings.ContainsAny(o.TrackingNumber, "\r\n\t"):
		return FieldError("tracking_number", "tracking_number: at most 64 characters")
	case len(o.Carrier) > 64 || strings.ContainsAny(o.Carrier, "\r\n\t"):
		return FieldError("carrier", "carrier: at most 64 characters")
	}
	for i := range o.Items {
		it := &o.Items[i]
		it.Name = strings.TrimSpace(it.Name)
		if it.Name == "" || len(it.Name) > 200 || strings.ContainsAny(it.Name, "\r\n") {
			return FieldError("items", "items[%d].name: give the item's name (at most 200 characters)", i)
		}
		if it.Quantity < 1 || it.Quantity > 100000 {
			return FieldError("items", "items[%d].quantity must be a whole number from 1", i)
		}
	}
	if o.ShippingAddress != nil {
		if err := o.ShippingAddress.validate("shipping_address"); err != nil {
			return err
		}
		a := o.ShippingAddress.trimmed()
		o.ShippingAddress = &a
	}
	if o.PlacedAt != nil {
		t := o.PlacedAt.UTC()
		o.PlacedAt = &t
	}
	return nil
}

// OrderView is an order as agents see it, masked per the view context.
type OrderView struct {
	Number          string      `json:"number"`
	Status          string      `json:"status"`
	Items           []OrderItem `json:"items"`
	PlacedAt        *time.Time  `json:"placed_at,omitempty"`
	Carrier         string      `json:"carrier,omitempty"`
	TrackingNumber  string      `json:"tracking_number,omitempty"`
	ShippingAddress *Address    `json:"shipping_address,omitempty"`
}

// maskTail keeps the last two characters of s.
func maskTail(s string) string {
	r := []rune(s)
	if len(r) <= 2 {
		return "**"
	}
	return strings.Repeat("*", min(len(r)-2, 8)) + string(r[len(r)-2:])
}

// orderViews masks c's orders: the orders class shows the number, status,
// items, date and carrier; the address class the tracking number and the
// shipping address.
func orderViews(c *Customer, vc ViewContext, mask func(string)) []OrderView {
	if len(c.Orders) == 0 {
		return nil
	}
	showOrders, showShip := vc.allows(ClassOrders, false), vc.allows(ClassAddress, false)
	out := make([]OrderView, 0, len(c.Orders))
	for _, o := range c.Orders {
		v := OrderView{Number: o.Number, Status: o.Status, Items: o.Items, PlacedAt: o.PlacedAt, Carrier: o.Carrier,
			TrackingNumber: o.TrackingNumber, ShippingAddress: o.ShippingAddress}
		if !showOrders {
			v.Number, v.Status, v.Items, v.PlacedAt, v.Carrier = maskTail(o.Number), "***", []OrderItem{}, nil, ""
			if o.Carrier != "" {
				v.Carrier = "***"
			}
		}
		if v.Items == nil {
			v.Items = []OrderItem{}
		}
		if !showShip {
			if o.TrackingNumber != "" {
				v.TrackingNumber = maskTail(o.TrackingNumber)
			}
			if o.ShippingAddress != nil {
				m := MaskAddress(*o.ShippingAddress)
				v.ShippingAddress = &m
			}
		}
		out = append(out, v)
	}
	if !showOrders {
		mask("orders")
	}
	if !showShip {
		mask("orders.shipping")
	}
	return out
}

// ordersText is the orders class in clear, for a reveal of "orders".
func ordersText(c *Customer) string {
	var vs []string
	for _, o := range c.Orders {
		var items []string
		for _, it := range o.Items {
			items = append(items, fmt.Sprintf("%d × %s", it.Quantity, it.Name))
		}
		s := o.Number + ": " + o.Status
		if o.PlacedAt != nil {
			s += ", placed " + o.PlacedAt.Format(time.DateOnly)
		}
		if len(items) > 0 {
			s += ", " + strings.Join(items, ", ")
		}
		vs = append(vs, s)
	}
	return joinLines(vs, "\n")
}

// shippingText is the tracking and shipping of each order in clear, for a
// reveal of "orders.shipping".
func shippingText(c *Customer) string {
	var vs []string
	for _, o := range c.Orders {
		s := o.Number + ":"
		if o.TrackingNumber != "" {
			s += " " + strings.TrimSpace(o.Carrier+" "+o.TrackingNumber)
		}
		if o.ShippingAddress != nil {
			s += " to " + o.ShippingAddress.String()
		}
		vs = append(vs, s)
	}
	return joinLines(vs, "\n")
}
