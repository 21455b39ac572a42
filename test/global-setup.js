module.exports = async () => {
  process.env.TZ = process.env.TZ || "America/Los_Angeles";
};
