// crate override: `crate = …` needs an absolute path, which means the same wherever the expansion lands.
mod acme {
    pub use ::braze_dsl as messaging;
}

fn main() {
    let _message = acme::messaging::message! {
        crate = acme::messaging;
        external_user_ids: ["u1"],
        messages: { apple_push: { alert: "Hi" } },
    };
}
