//! The rest of Codat's Bank Feeds surface against an in-process sandbox: listing and deleting
//! companies, deleting and unlinking connections, the push model, company information,
//! credentials and account mapping — success and error paths.

mod common;

use common::{accounts, client_for, sandbox};
use feedrail::{
    AccountMappingRequest, AccountStatus, CompanyRequest, ConnectionStatus, ErrorCode, ListOptions,
};
use futures_util::TryStreamExt;

fn api_error(e: &feedrail::Error) -> (ErrorCode, Option<u16>) {
    (e.code(), e.status())
}

#[tokio::test]
async fn companies_are_listed_filtered_and_deleted() {
    let sb = sandbox(0).await;
    let client = client_for(&sb);
    let mut ids = Vec::new();
    for name in ["Alpha Bakery", "Beta Stores", "Gamma Bakery"] {
        let company = client
            .create_company(&CompanyRequest {
                name: name.into(),
                description: None,
            })
            .await
            .unwrap();
        ids.push(company.id);
    }
    let first = client
        .list_companies(
            1,
            &ListOptions {
                page_size: 2,
                ..ListOptions::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(first.total_results, 3);
    assert_eq!(first.results.len(), 2);
    assert!(first.links.next.is_some());
    let all: Vec<String> = client
        .companies(&ListOptions {
            page_size: 1,
            ..ListOptions::default()
        })
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, ids, "every page, oldest first");
    let bakeries = client
        .list_companies(
            1,
            &ListOptions {
                query: Some("name~bakery".into()),
                ..ListOptions::default()
            },
        )
        .await
        .unwrap();
    let names: Vec<&str> = bakeries.results.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Alpha Bakery", "Gamma Bakery"]);
    let bad_query = client
        .list_companies(
            1,
            &ListOptions {
                query: Some("colour=blue".into()),
                ..ListOptions::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(api_error(&bad_query), (ErrorCode::BadRequest, Some(400)));
    assert!(bad_query.to_string().contains("colour"), "{bad_query}");
    let zero = ListOptions {
        page_size: 0,
        ..ListOptions::default()
    };
    assert_eq!(
        client.list_companies(1, &zero).await.unwrap_err().code(),
        ErrorCode::Config
    );

    client.delete_company(&ids[1]).await.unwrap();
    let gone = client.get_company(&ids[1]).await.unwrap_err();
    assert_eq!(api_error(&gone), (ErrorCode::NotFound, Some(404)));
    let again = client.delete_company(&ids[1]).await.unwrap_err();
    assert_eq!(
        api_error(&again),
        (ErrorCode::NotFound, Some(404)),
        "deleting what is not there is an error when no earlier attempt may have done it"
    );
    let left: Vec<String> = client
        .companies(&ListOptions::default())
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(left, [ids[0].clone(), ids[2].clone()]);
}

#[tokio::test]
async fn connections_are_unlinked_and_deleted() {
    let sb = sandbox(0).await;
    let client = client_for(&sb);
    let target = accounts(&sb, 1).await.remove(0);
    let (company, connection) = (&target.company_id, &target.connection_id);

    let unlinked = client.unlink_connection(company, connection).await.unwrap();
    assert_eq!(unlinked.status, ConnectionStatus::Unlinked);
    let account = client
        .get_account(company, connection, &target.account_id)
        .await
        .unwrap();
    assert_eq!(
        account.status,
        Some(AccountStatus::Disconnected),
        "an unlinked connection feeds nothing"
    );
    assert_eq!(
        client
            .get_connection(company, connection)
            .await
            .unwrap()
            .status,
        ConnectionStatus::Unlinked
    );

    client.delete_connection(company, connection).await.unwrap();
    let gone = client
        .get_connection(company, connection)
        .await
        .unwrap_err();
    assert_eq!(api_error(&gone), (ErrorCode::NotFound, Some(404)));
    assert!(client.list_connections(company).await.unwrap().is_empty());
    let missing = client
        .unlink_connection(company, connection)
        .await
        .unwrap_err();
    assert_eq!(api_error(&missing), (ErrorCode::NotFound, Some(404)));
}

#[tokio::test]
async fn the_push_model_names_sages_mandatory_fields() {
    let sb = sandbox(0).await;
    let client = client_for(&sb);
    let t = accounts(&sb, 1).await.remove(0);
    let model = client
        .get_bank_transactions_model(&t.company_id, &t.connection_id, &t.account_id)
        .await
        .unwrap();
    assert_eq!(model.option_type, "Object");
    let transactions = &model.properties.as_ref().unwrap()["transactions"];
    let line = transactions.properties.as_ref().unwrap();
    for name in [
        "id",
        "date",
        "description",
        "amount",
        "balance",
        "transactionType",
    ] {
        assert!(line[name].required, "{name} is mandatory for Sage");
    }
    assert!(!line["counterparty"].required);
    let kinds = line["transactionType"].options.as_ref().unwrap();
    assert!(kinds.iter().any(|k| k.value == "Debit"));
    let missing = client
        .get_bank_transactions_model(&t.company_id, &t.connection_id, "nope")
        .await
        .unwrap_err();
    assert_eq!(api_error(&missing), (ErrorCode::NotFound, Some(404)));
}

#[tokio::test]
async fn info_credentials_and_mapping_answer_for_sage_as_codat_does() {
    let sb = sandbox(0).await;
    let client = client_for(&sb);
    let t = accounts(&sb, 1).await.remove(0);
    let (company, connection) = (&t.company_id, &t.connection_id);

    let info = client
        .get_company_information(company, connection)
        .await
        .unwrap_err();
    assert_eq!(api_error(&info), (ErrorCode::BadRequest, Some(400)));
    assert!(
        info.to_string().contains("not supported for Sage"),
        "{info}"
    );

    for e in [
        client
            .generate_credentials(company, connection)
            .await
            .unwrap_err(),
        client
            .delete_credentials(company, connection)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(api_error(&e), (ErrorCode::BadRequest, Some(400)));
        assert!(e.to_string().contains("QuickBooks Online"), "{e}");
    }

    let mappings = client
        .list_account_mappings(company, connection)
        .await
        .unwrap();
    assert_eq!(mappings.len(), 1);
    assert_eq!(mappings[0].source_account_id.as_deref(), Some("acc-0"));
    assert_eq!(mappings[0].status.as_deref(), Some("connected"));
    assert!(mappings[0].target_account_id.is_some());

    let request = AccountMappingRequest {
        source_account_id: "acc-0".into(),
        target_account_id: Some("t-1".into()),
        feed_start_date: None,
    };
    let refused = client
        .create_account_mapping(company, connection, &request)
        .await
        .unwrap_err();
    assert_eq!(api_error(&refused), (ErrorCode::BadRequest, Some(400)));
    assert!(refused.to_string().contains("inside Sage"), "{refused}");
    let empty = AccountMappingRequest {
        source_account_id: " ".into(),
        ..request
    };
    assert_eq!(
        client
            .create_account_mapping(company, connection, &empty)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::Config
    );
    let unknown = client
        .list_account_mappings(company, "00000000-0000-0000-0000-000000000000")
        .await
        .unwrap_err();
    assert_eq!(api_error(&unknown), (ErrorCode::NotFound, Some(404)));
}

#[tokio::test]
async fn a_delete_whose_answer_was_lost_is_done_when_the_retry_finds_nothing() {
    let sb = sandbox(0).await;
    let client = client_for(&sb);
    let mut ids = Vec::new();
    for i in 0..12 {
        let company = client
            .create_company(&CompanyRequest {
                name: format!("Company {i}"),
                description: None,
            })
            .await
            .unwrap();
        ids.push(company.id);
    }
    sb.set_faults(feedrail_sandbox::FaultConfig {
        seed: 7,
        reset_after_commit: 0.5,
        ..Default::default()
    })
    .unwrap();
    for id in &ids {
        client.delete_company(id).await.unwrap();
    }
    let lost = sb.fault_stats().reset_after_commit;
    assert!(lost > 0, "some deletes landed without an answer");
    sb.set_faults(feedrail_sandbox::FaultConfig::default())
        .unwrap();
    let left = client
        .list_companies(1, &ListOptions::default())
        .await
        .unwrap();
    assert_eq!(left.total_results, 0);
}
