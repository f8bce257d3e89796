// user cap: `external_user_ids` names 51 users; a request can name at most 50.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: [
            "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10",
            "u11", "u12", "u13", "u14", "u15", "u16", "u17", "u18", "u19", "u20",
            "u21", "u22", "u23", "u24", "u25", "u26", "u27", "u28", "u29", "u30",
            "u31", "u32", "u33", "u34", "u35", "u36", "u37", "u38", "u39", "u40",
            "u41", "u42", "u43", "u44", "u45", "u46", "u47", "u48", "u49", "u50",
            "u51",
        ],
        messages: {
            apple_push: { alert: "Your order has shipped" },
        },
    };
}
