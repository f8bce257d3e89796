// user cap: 30 `external_user_ids` plus 21 `user_aliases` make 51 users; the cap of 50 counts both lists together.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: [
            "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10",
            "u11", "u12", "u13", "u14", "u15", "u16", "u17", "u18", "u19", "u20",
            "u21", "u22", "u23", "u24", "u25", "u26", "u27", "u28", "u29", "u30",
        ],
        user_aliases: [
            { alias_name: "a1", alias_label: "crm" },
            { alias_name: "a2", alias_label: "crm" },
            { alias_name: "a3", alias_label: "crm" },
            { alias_name: "a4", alias_label: "crm" },
            { alias_name: "a5", alias_label: "crm" },
            { alias_name: "a6", alias_label: "crm" },
            { alias_name: "a7", alias_label: "crm" },
            { alias_name: "a8", alias_label: "crm" },
            { alias_name: "a9", alias_label: "crm" },
            { alias_name: "a10", alias_label: "crm" },
            { alias_name: "a11", alias_label: "crm" },
            { alias_name: "a12", alias_label: "crm" },
            { alias_name: "a13", alias_label: "crm" },
            { alias_name: "a14", alias_label: "crm" },
            { alias_name: "a15", alias_label: "crm" },
            { alias_name: "a16", alias_label: "crm" },
            { alias_name: "a17", alias_label: "crm" },
            { alias_name: "a18", alias_label: "crm" },
            { alias_name: "a19", alias_label: "crm" },
            { alias_name: "a20", alias_label: "crm" },
            { alias_name: "a21", alias_label: "crm" },
        ],
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}
