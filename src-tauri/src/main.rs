fn main() {
    scriptorium::run()
}
