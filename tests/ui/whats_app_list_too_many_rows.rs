// list size: a WhatsApp list message holds 11 rows over its two sections; Braze accepts at most 10 in total.
use braze_dsl::message;

fn main() {
    let _message = message! {
        external_user_ids: ["u1"],
        messages: {
            whats_app: {
                app_id: "app",
                subscription_group_id: "sg",
                message_type: "list_response_message",
                message: {
                    body: "Pick a delivery slot",
                    list: {
                        list_button_text: "Choose",
                        list_sections: [
                            {
                                section_title: "Morning",
                                list_rows: [
                                    { row_title: "07:00" },
                                    { row_title: "08:00" },
                                    { row_title: "09:00" },
                                    { row_title: "10:00" },
                                    { row_title: "11:00" },
                                    { row_title: "12:00" },
                                ],
                            },
                            {
                                section_title: "Afternoon",
                                list_rows: [
                                    { row_title: "13:00" },
                                    { row_title: "14:00" },
                                    { row_title: "15:00" },
                                    { row_title: "16:00" },
                                    { row_title: "17:00" },
                                ],
                            },
                        ],
                    },
                },
            },
        },
    };
}
