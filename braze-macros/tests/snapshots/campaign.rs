#[derive(Serialize)]
struct OrderShipped {
    order_id: String,
}
#[automatically_derived]
impl ::braze_dsl::__private::Campaign for OrderShipped {
    const CAMPAIGN_ID: &'static str = "c0ffee";
}
#[automatically_derived]
impl<'__braze> ::braze_dsl::__private::BroadcastCampaign<'__braze> for OrderShipped {}
#[allow(dead_code)]
const _: () = {
    fn __braze_properties<
        T: ::braze_dsl::__private::TriggerProperties + ?::core::marker::Sized,
    >() {}
    fn __braze_check() {
        __braze_properties::<OrderShipped>();
    }
};
