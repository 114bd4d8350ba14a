//! Every package ships the workspace's version: the npm package and the Maven artifact say it (and
//! the JVM examples depend on it), and the Python package takes it from Cargo (maturin's dynamic
//! version). The release workflow runs this against the tag.

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn versions_agree() {
    let version = env!("CARGO_PKG_VERSION");
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/bindings-node/package.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        package["version"], version,
        "bindings-node/package.json's version is not the workspace's"
    );
    let pyproject =
        std::fs::read_to_string(format!("{ROOT}/bindings-python/pyproject.toml")).unwrap();
    assert!(
        pyproject.contains("dynamic = [\"version\"]") && !pyproject.contains("\nversion ="),
        "bindings-python/pyproject.toml must take its version from Cargo"
    );
    for pom in ["bindings-jvm/pom.xml", "examples/jvm/pom.xml"] {
        let text = std::fs::read_to_string(format!("{ROOT}/{pom}")).unwrap();
        assert!(
            text.contains(&format!(
                "<artifactId>feedrail</artifactId>\n  <version>{version}</version>"
            )) || text.contains(&format!(
                "<artifactId>feedrail</artifactId>\n      <version>{version}</version>"
            )),
            "{pom} does not carry (or depend on) feedrail {version}"
        );
    }
}
