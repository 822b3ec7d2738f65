//! How the process's allocator treats the large buffers a frame of a big map
//! needs (the canvas shapes, egui's mesh: tens of megabytes at 50,000 people).
//! glibc gives such buffers back to the system when they are freed and maps fresh
//! ones on the next frame, and the page faults that follow took a tenth of a
//! frame. Keeping them in the heap lets each frame reuse the last one's memory.

/// Asks the allocator to keep buffers of up to 32 MB (glibc's largest setting) in
/// its heap and not to give freed memory back to the system until 256 MB lie
/// unused. Does nothing on other systems.
pub fn keep_frame_buffers() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only changes allocator parameters; it is called before the
    // window or any worker thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}
