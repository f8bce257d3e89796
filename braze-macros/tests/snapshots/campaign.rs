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
#[automatically_derived]
impl OrderShipped {
    ///Triggers the campaign for one user (by external id), with `self` as its trigger properties.
    pub fn to_user(
        &self,
        external_user_id: impl ::core::convert::Into<::std::string::String>,
    ) -> ::braze_dsl::__private::CampaignsTriggerSend<&Self> {
        ::braze_dsl::__private::CampaignsTriggerSend {
            recipients: ::core::option::Option::Some(
                ::std::vec![
                    ::braze_dsl::__private::Recipient::external_user_id(external_user_id)
                ],
            ),
            ..::braze_dsl::__private::CampaignsTriggerSend::with_properties(
                "c0ffee",
                self,
            )
        }
    }
    ///Triggers the campaign for these users (by external id), with `self` as its trigger properties.
    pub fn to_users<__BrazeIds, __BrazeId>(
        &self,
        external_user_ids: __BrazeIds,
    ) -> ::braze_dsl::__private::CampaignsTriggerSend<&Self>
    where
        __BrazeIds: ::core::iter::IntoIterator<Item = __BrazeId>,
        __BrazeId: ::core::convert::Into<::std::string::String>,
    {
        let recipients = ::core::iter::Iterator::collect(
            ::core::iter::Iterator::map(
                ::core::iter::IntoIterator::into_iter(external_user_ids),
                ::braze_dsl::__private::Recipient::external_user_id,
            ),
        );
        ::braze_dsl::__private::CampaignsTriggerSend {
            recipients: ::core::option::Option::Some(recipients),
            ..::braze_dsl::__private::CampaignsTriggerSend::with_properties(
                "c0ffee",
                self,
            )
        }
    }
    ///Triggers the campaign for `recipients`, each optionally with trigger properties of their own that override `self`'s.
    pub fn to_recipients(
        &self,
        recipients: ::std::vec::Vec<::braze_dsl::__private::Recipient>,
    ) -> ::braze_dsl::__private::CampaignsTriggerSend<&Self> {
        ::braze_dsl::__private::CampaignsTriggerSend {
            recipients: ::core::option::Option::Some(recipients),
            ..::braze_dsl::__private::CampaignsTriggerSend::with_properties(
                "c0ffee",
                self,
            )
        }
    }
    ///Triggers the campaign for the users matching a connected `audience` (Braze requires `broadcast: true` for this).
    pub fn to_audience(
        &self,
        audience: ::braze_dsl::__private::Audience,
    ) -> ::braze_dsl::__private::CampaignsTriggerSend<&Self> {
        ::braze_dsl::__private::CampaignsTriggerSend {
            audience: ::core::option::Option::Some(audience),
            broadcast: ::core::option::Option::Some(true),
            ..::braze_dsl::__private::CampaignsTriggerSend::with_properties(
                "c0ffee",
                self,
            )
        }
    }
    ///Triggers the campaign for its whole segment. Only for a campaign declared `broadcast = true`; any other is a compile error.
    pub fn to_everyone<'__braze>(
        &'__braze self,
    ) -> ::braze_dsl::__private::CampaignsTriggerSend<&'__braze Self>
    where
        Self: ::braze_dsl::__private::BroadcastCampaign<'__braze>,
    {
        ::braze_dsl::__private::CampaignsTriggerSend {
            broadcast: ::core::option::Option::Some(true),
            ..::braze_dsl::__private::CampaignsTriggerSend::with_properties(
                "c0ffee",
                self,
            )
        }
    }
}
