//! Saving under stress, through the real binary: two writers at once never lose
//! either's work, a save killed at any moment leaves the old or the new file (and
//! the previous version in `.bak`), and special or read-only files are refused.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn powermap() -> Command {
    Command::new(env!("CARGO_BIN_EXE_powermap"))
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    powermap().args(args).output().expect("the binary runs")
}

fn spawn(args: &[&std::ffi::OsStr]) -> Child {
    powermap()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// A contact list of `count` people whose e-mails start with `tag`.
fn contacts(dir: &Path, tag: &str, count: usize) -> PathBuf {
    let mut text = String::from("Name,Title,Email\n");
    for i in 0..count {
        text.push_str(&format!("{tag} Person {i},Engineer,{tag}{i}@example.com\n"));
    }
    let path = dir.join(format!("{tag}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

/// A valid map in compact (not canonical) form with `count` people.
fn compact_map(count: usize) -> String {
    let people: Vec<String> = (0..count)
        .map(|i| {
            format!(
                r#"{{"id":"p{i}","name":"Person {i} 张伟","title":"Engineer","notes":"{}"}}"#,
                "n".repeat(200)
            )
        })
        .collect();
    format!(
        r#"{{"format":"powermap","version":1,"stakeholders":[{}],"relationships":[]}}"#,
        people.join(",")
    )
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn two_imports_into_one_map_at_once_keep_both() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    let first = contacts(dir.path(), "a", 300);
    let second = contacts(dir.path(), "b", 300);
    for round in 0..4 {
        std::fs::write(&map, compact_map(1)).unwrap();
        let children: Vec<Child> = [&first, &second]
            .iter()
            .map(|list| {
                spawn(&[
                    os("import"),
                    list.as_os_str(),
                    os("--into"),
                    map.as_os_str(),
                ])
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let doc = powermap::format::load_file(&map).unwrap();
        assert_eq!(
            doc.stakeholders.len(),
            601,
            "round {round}: a writer's people were lost"
        );
    }
}

#[test]
fn two_formatters_at_once_keep_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    let original = compact_map(2000);
    for round in 0..6 {
        std::fs::write(&map, &original).unwrap();
        let children: Vec<Child> = (0..2)
            .map(|_| spawn(&[os("fmt"), map.as_os_str()]))
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}");
        }
        let backup = powermap::format::backup_path(&map);
        assert_eq!(
            std::fs::read_to_string(&backup).unwrap(),
            original,
            "round {round}: the previous version must survive in .bak"
        );
        let output = run(&[os("fmt"), os("--check"), map.as_os_str()]);
        assert!(output.status.success(), "round {round}");
    }
}

/// Kills `fmt` at spread-out moments of its save, many times: the map is always
/// the old or the new version, never torn; when it is new, `.bak` is the old one;
/// and the next save removes whatever temporary files the kill left.
#[test]
fn a_save_killed_at_any_moment_leaves_old_or_new_and_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    let old = compact_map(3000);
    std::fs::write(&map, &old).unwrap();
    let started = Instant::now();
    assert!(run(&[os("fmt"), map.as_os_str()]).status.success());
    let mut full = started.elapsed();
    let new = std::fs::read_to_string(&map).unwrap();
    assert_ne!(new, old);
    let backup = powermap::format::backup_path(&map);

    // Other tests run beside this one, so one process's duration is only an
    // estimate: when every kill of a pass came too early, the next pass
    // stretches the delays until some save completed before its kill.
    let rounds = 20u32;
    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..rounds * 4 {
        if round >= rounds && saw_new > 0 {
            break;
        }
        if round > 0 && round % rounds == 0 {
            full *= 3;
        }
        std::fs::write(&map, &old).unwrap();
        let _ = std::fs::remove_file(&backup);
        // From the start of the process to a little past its usual end.
        let delay = full.mul_f64(f64::from(round % rounds) / f64::from(rounds) * 1.2);
        let mut child = spawn(&[os("fmt"), map.as_os_str()]);
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();

        let now = std::fs::read_to_string(&map).unwrap();
        if now == old {
            saw_old += 1;
        } else {
            assert_eq!(now, new, "round {round}: torn file");
            saw_new += 1;
            assert_eq!(
                std::fs::read_to_string(&backup).unwrap(),
                old,
                "round {round}: the previous version must be in .bak"
            );
        }
        // The next save cleans up after the killed one.
        std::fs::write(&map, &old).unwrap();
        assert!(run(&[os("fmt"), map.as_os_str()]).status.success());
        assert_eq!(
            temp_files(dir.path()),
            Vec::<String>::new(),
            "round {round}"
        );
    }
    assert!(
        saw_old > 0 && saw_new > 0,
        "kills spread over the save: {saw_old} old, {saw_new} new"
    );
}

#[cfg(unix)]
#[test]
fn named_pipes_are_refused_without_blocking_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let good = dir.path().join("good.json");
    std::fs::write(&good, compact_map(2)).unwrap();
    let csv_fifo = dir.path().join("pipe.csv");
    let name = std::ffi::CString::new(csv_fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: as above.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);

    let cases: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec![os("check"), fifo.as_os_str(), good.as_os_str()],
        vec![os("fmt"), fifo.as_os_str(), good.as_os_str()],
        vec![os("report"), fifo.as_os_str()],
        vec![
            os("export"),
            fifo.as_os_str(),
            os("-o"),
            os("/dev/null.svg"),
        ],
        vec![
            os("import"),
            csv_fifo.as_os_str(),
            os("--into"),
            good.as_os_str(),
        ],
    ];
    for args in cases {
        let mut child = spawn(&args);
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("{args:?} blocked on a named pipe");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let output = child.wait_with_output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!status.success(), "{args:?}: {text}");
        assert!(text.contains("named pipe"), "{args:?}: {text}");
        if args.first() == Some(&os("check")) {
            assert!(text.contains("good.json: ok"), "the batch goes on: {text}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_map_is_not_replaced_by_fmt_or_import() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    let original = compact_map(3);
    std::fs::write(&map, &original).unwrap();
    std::fs::set_permissions(&map, std::fs::Permissions::from_mode(0o444)).unwrap();
    let list = contacts(dir.path(), "c", 2);
    for args in [
        vec![os("fmt"), map.as_os_str()],
        vec![
            os("import"),
            list.as_os_str(),
            os("--into"),
            map.as_os_str(),
        ],
    ] {
        let output = run(&args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.status.success(), "{args:?}");
        assert!(text.contains("read-only"), "{args:?}: {text}");
        assert_eq!(std::fs::read_to_string(&map).unwrap(), original);
    }
}

/// A map changed by another program between the read and the write is not
/// overwritten by a writer that takes no lock of ours: `import --into` holds the
/// lock, and a plain rewrite in between is detected.
#[test]
fn the_app_side_version_check_refuses_a_changed_file() {
    use powermap::format::{Expect, MapWriter};
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    std::fs::write(&map, compact_map(2)).unwrap();
    let (doc, version) = powermap::format::load_file_versioned(&map).unwrap();
    std::fs::write(&map, compact_map(3)).unwrap();
    let writer = MapWriter::lock(&map, Duration::from_secs(5)).unwrap();
    let err = writer.save(&doc, &Expect::Version(version)).unwrap_err();
    assert!(err.to_string().contains("changed by someone else"), "{err}");
    assert_eq!(
        powermap::format::load_file(&map)
            .unwrap()
            .stakeholders
            .len(),
        3
    );
}
